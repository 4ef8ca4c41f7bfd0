package io.driftwatch.drift;

import java.util.Locale;

/** A model's verdict for one window; the code is what the verdict metric exports. */
public enum Verdict {
    OK(0), DRIFT(1), INCONCLUSIVE(2);

    private final int code;

    Verdict(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
