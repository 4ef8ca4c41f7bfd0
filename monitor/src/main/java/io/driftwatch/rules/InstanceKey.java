package io.driftwatch.rules;

import java.util.Locale;

/**
 * What one instance of a rule watches: a drift rule's column in a scope (the model's window, a segment,
 * a version comparison), or a PromQL rule's series. Its {@link #text()} is the stable form kept in the
 * store (unchanged from earlier versions, so stored rule states stay valid); nothing else parses it.
 */
public sealed interface InstanceKey {

    /** The stored form. */
    String text();

    /** A model-level drift instance with no column (e.g. {@code drifted_features >= 2}). */
    InstanceKey MODEL = new Column("", Scope.MODEL, "");

    /** A drift rule's column ({@code ""} for model-level metrics) in a scope. */
    record Column(String feature, Scope scope, String value) implements InstanceKey {
        @Override
        public String text() {
            return scope == Scope.MODEL ? feature : feature + " @ " + scope.name().toLowerCase(Locale.ROOT) + "=" + value;
        }
    }

    /** A PromQL rule's series, identified by its sorted label set. */
    record Series(String labels) implements InstanceKey {
        @Override
        public String text() {
            return labels;
        }
    }

    /** Reads the stored form back (the store is the one place that holds it as text): label sets are series. */
    static InstanceKey parse(String text) {
        if (text.contains("=\"")) {
            return new Series(text);
        }
        int at = text.indexOf(" @ ");
        int eq = at < 0 ? -1 : text.indexOf('=', at);
        if (at < 0 || eq < 0) {
            return new Column(text, Scope.MODEL, "");
        }
        Scope scope = Scope.valueOf(text.substring(at + 3, eq).toUpperCase(Locale.ROOT));
        return new Column(text.substring(0, at), scope, text.substring(eq + 1));
    }
}
