package io.driftwatch.source.prometheus;

import java.util.Set;

/**
 * Adds one label matcher to every vector selector of a PromQL expression, as Prometheus'
 * {@code prom-label-proxy} enforces a tenant label: {@code rate(x{code="5xx"}[5m])} with
 * {@code version="v2"} becomes {@code rate(x{version="v2",code="5xx"}[5m])}. The gate uses it to ask a
 * model's health rules about the candidate version alone. A small lexer, not a parser: it knows strings,
 * comments, ranges, label lists after {@code by}/{@code without}/{@code on}/{@code ignoring}/
 * {@code group_left}/{@code group_right}, and tells a metric name from a function or an aggregation by
 * the token after it. An existing matcher on the same label stays, and both must hold.
 */
public final class PromqlMatchers {
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan",
            "by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
            "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");

    private final String q;
    private final String matcher;
    private final StringBuilder out = new StringBuilder();
    private int i;

    private PromqlMatchers(String query, String label, String value) {
        this.q = query;
        this.matcher = label + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The query with {@code label="value"} required of every series it selects. */
    public static String inject(String query, String label, String value) {
        PromqlMatchers m = new PromqlMatchers(query, label, value);
        m.run();
        return m.out.toString();
    }

    private void run() {
        while (i < q.length()) {
            char c = q.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                copyString();
            } else if (c == '#') {
                int end = q.indexOf('\n', i);
                copyTo(end < 0 ? q.length() : end);
            } else if (c == '[') {
                copyTo(q.indexOf(']', i) < 0 ? q.length() : q.indexOf(']', i) + 1);
            } else if (c == '{') {
                selectorBlock();
            } else if (Character.isDigit(c) || c == '.' && i + 1 < q.length() && Character.isDigit(q.charAt(i + 1))) {
                int s = i;
                while (i < q.length() && (Character.isLetterOrDigit(q.charAt(i)) || q.charAt(i) == '.' || q.charAt(i) == '_')) {
                    i++;
                }
                out.append(q, s, i);
            } else if (identifierStart(c)) {
                identifier();
            } else {
                out.append(c);
                i++;
            }
        }
    }

    private void identifier() {
        int s = i;
        while (i < q.length() && (identifierStart(q.charAt(i)) || Character.isDigit(q.charAt(i)))) {
            i++;
        }
        String word = q.substring(s, i);
        out.append(word);
        String lower = word.toLowerCase(java.util.Locale.ROOT);
        char next = nextNonSpace();
        if (LABEL_LISTS.contains(lower)) {
            if (next == '(') {
                copyTo(q.indexOf(')', i) < 0 ? q.length() : q.indexOf(')', i) + 1);
            }
            return;
        }
        if (KEYWORDS.contains(lower) || next == '(') {
            return;
        }
        if (AGGREGATIONS.contains(lower) && (startsWord("by") || startsWord("without"))) {
            return;
        }
        if (next == '{') {
            copyTo(q.indexOf('{', i));
            selectorBlock();
        } else {
            out.append('{').append(matcher).append('}');
        }
    }

    /** A {@code {...}} matcher list: ours goes first, then whatever it held. */
    private void selectorBlock() {
        out.append('{').append(matcher);
        i++;
        int s = i;
        while (s < q.length() && Character.isWhitespace(q.charAt(s))) {
            s++;
        }
        if (s < q.length() && q.charAt(s) != '}') {
            out.append(',');
        }
        while (i < q.length() && q.charAt(i) != '}') {
            char c = q.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                copyString();
            } else {
                out.append(c);
                i++;
            }
        }
        if (i < q.length()) {
            out.append('}');
            i++;
        }
    }

    private void copyString() {
        char quote = q.charAt(i);
        int s = i++;
        while (i < q.length() && q.charAt(i) != quote) {
            i += q.charAt(i) == '\\' && quote != '`' ? 2 : 1;
        }
        i = Math.min(i + 1, q.length());
        out.append(q, s, i);
    }

    private void copyTo(int end) {
        out.append(q, i, end);
        i = end;
    }

    private char nextNonSpace() {
        int j = i;
        while (j < q.length() && Character.isWhitespace(q.charAt(j))) {
            j++;
        }
        return j < q.length() ? q.charAt(j) : 0;
    }

    private boolean startsWord(String word) {
        int j = i;
        while (j < q.length() && Character.isWhitespace(q.charAt(j))) {
            j++;
        }
        int end = j + word.length();
        return q.regionMatches(true, j, word, 0, word.length())
                && (end >= q.length() || !identifierStart(q.charAt(end)) && !Character.isDigit(q.charAt(end)));
    }

    private static boolean identifierStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':';
    }
}
