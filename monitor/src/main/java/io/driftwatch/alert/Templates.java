package io.driftwatch.alert;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The annotation templating of Prometheus rules, in its common subset: {@code {{ $value }}},
 * {@code {{ $labels.name }}} and {@code {{ $labels.name }}}-style references; unknown labels are empty.
 */
public final class Templates {
    private static final Pattern REF = Pattern.compile("\\{\\{\\s*\\$(value|labels\\.([A-Za-z_][A-Za-z0-9_]*))\\s*}}");

    private Templates() {
    }

    public static String expand(String template, Map<String, String> labels, Double value) {
        Matcher m = REF.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = m.group(2) == null ? format(value) : labels.getOrDefault(m.group(2), "");
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    public static String format(Double value) {
        if (value == null) {
            return "";
        }
        if (value != 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e6)) {
            return String.format(java.util.Locale.ROOT, "%.3g", value);
        }
        return String.format(java.util.Locale.ROOT, "%.4f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
