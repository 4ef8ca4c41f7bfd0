package io.driftwatch.config;

/** The one syntax check that every template (annotations, message files) gets: each {@code {{} is closed. */
public final class TemplateSyntax {
    private TemplateSyntax() {
    }

    /** Null when every {@code {{} has its {@code }}}; else where the first unclosed one is (line and column). */
    public static String problem(String template) {
        int from = 0;
        while (true) {
            int open = template.indexOf("{{", from);
            if (open < 0) {
                return null;
            }
            int close = template.indexOf("}}", open + 2);
            int reopened = template.indexOf("{{", open + 2);
            if (close < 0 || (reopened >= 0 && reopened < close)) {
                int line = 1;
                int lineStart = 0;
                for (int i = 0; i < open; i++) {
                    if (template.charAt(i) == '\n') {
                        line++;
                        lineStart = i + 1;
                    }
                }
                return "unclosed '{{' at line " + line + ", column " + (open - lineStart + 1) + ": every {{ needs its }}";
            }
            from = close + 2;
        }
    }
}
