package io.driftwatch.source;

import java.time.Instant;

/** A half-open interval of time, [from, to). */
public record TimeRange(Instant from, Instant to) {

    public boolean contains(Instant t) {
        return !t.isBefore(from) && t.isBefore(to);
    }
}
