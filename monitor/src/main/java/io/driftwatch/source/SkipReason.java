package io.driftwatch.source;

import java.util.Locale;

/**
 * Why a log line was not used. A bounded set, so it can be a metric label. One reason counts records that are
 * used all the same: {@code response_missing}, a request whose response did not come within the join
 * timeout, read without its prediction.
 */
public enum SkipReason {
    MALFORMED_JSON, NOT_AN_OBJECT, MISSING_TIMESTAMP, BAD_TIMESTAMP, MISSING_INPUT, INPUT_NOT_AN_OBJECT,
    BAD_FIELD_TYPE, UNREADABLE_FILE, LINE_TOO_LONG, SHAPE_MISMATCH, BAD_WRAPPER, RESPONSE_MISSING;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
