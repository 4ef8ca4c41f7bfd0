package io.driftwatch.alert;

import java.util.Locale;

/** An alert notification is either about a firing alert or about its resolution. */
public enum AlertStatus {
    FIRING, RESOLVED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
