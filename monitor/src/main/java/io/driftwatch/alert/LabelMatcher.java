package io.driftwatch.alert;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** An Alertmanager label matcher: {@code name="v"}, {@code name!="v"}, {@code name=~"re"}, {@code name!~"re"}. */
public record LabelMatcher(String name, String op, String value, Pattern regex) {
    private static final Pattern SYNTAX = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"?(.*?)\"?\\s*");

    /** Parses one matcher; empty with {@code error[0]} set when it is malformed. */
    public static Optional<LabelMatcher> parse(String text, String[] error) {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            error[0] = "'" + text + "' is not a matcher; write name=\"value\", name!=\"value\", name=~\"regex\" or name!~\"regex\"";
            return Optional.empty();
        }
        Pattern re = null;
        if (m.group(2).contains("~")) {
            try {
                re = Pattern.compile(m.group(3)); // anchored by matches(), as in Alertmanager
            } catch (PatternSyntaxException e) {
                error[0] = "bad regex in '" + text + "': " + e.getDescription();
                return Optional.empty();
            }
        }
        return Optional.of(new LabelMatcher(m.group(1), m.group(2), m.group(3), re));
    }

    public boolean matches(Map<String, String> labels) {
        String v = labels.getOrDefault(name, "");
        return switch (op) {
            case "=" -> v.equals(value);
            case "!=" -> !v.equals(value);
            case "=~" -> regex.matcher(v).matches();
            default -> !regex.matcher(v).matches();
        };
    }
}
