package io.driftwatch.source;

import java.time.Instant;

/** A source's last known state: whether its last read answered, why not, and since when. */
public record SourceStatus(boolean up, String reason, Instant since) {
}
