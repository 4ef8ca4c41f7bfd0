package io.driftwatch.alert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Receiver message templates (files in {@code alerts/templates/}). A {@code {{ range }} … {{ end }}}
 * block repeats per alert and may use {@code $status}, {@code $value}, {@code $generatorURL},
 * {@code $labels.NAME} and {@code $annotations.NAME}; outside it, {@code $status}, {@code $count},
 * {@code $receiver} and {@code $commonLabels.NAME}. Values are HTML-escaped in {@code .html} templates.
 */
public final class MessageTemplates {
    private static final Pattern RANGE = Pattern.compile("\\{\\{\\s*range\\s*}}(.*?)\\{\\{\\s*end\\s*}}", Pattern.DOTALL);
    private static final Pattern REF = Pattern.compile(
            "\\{\\{\\s*\\$(status|value|count|receiver|generatorURL|(labels|annotations|commonLabels)\\.([A-Za-z_][A-Za-z0-9_]*))\\s*}}");

    private MessageTemplates() {
    }

    /** Reads a template file; a missing file is a configuration error found at start. */
    public static String read(Path dir, String name) {
        try {
            return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + dir.resolve(name), e);
        }
    }

    public static String render(String template, Notification n, boolean html) {
        return render(template, n, html ? MessageTemplates::escape : v -> v);
    }

    /** Renders with every value passed through {@code escape} (the template's own text is kept as written). */
    public static String render(String template, Notification n, java.util.function.UnaryOperator<String> escape) {
        Matcher r = RANGE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (r.find()) {
            StringBuilder block = new StringBuilder();
            for (Alert a : n.alerts()) {
                block.append(refs(r.group(1), a, n, escape));
            }
            r.appendReplacement(out, Matcher.quoteReplacement(block.toString()));
        }
        r.appendTail(out);
        return refs(out.toString(), null, n, escape);
    }

    private static String refs(String text, Alert a, Notification n, java.util.function.UnaryOperator<String> escape) {
        Matcher m = REF.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = value(m, a, n);
            m.appendReplacement(out, Matcher.quoteReplacement(escape.apply(v)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String value(Matcher m, Alert a, Notification n) {
        String name = m.group(1);
        if (m.group(2) != null) {
            Map<String, String> map = switch (m.group(2)) {
                case "labels" -> a == null ? Map.of() : a.labels();
                case "annotations" -> a == null ? Map.of() : a.annotations();
                default -> n.commonLabels();
            };
            return map.getOrDefault(m.group(3), "");
        }
        return switch (name) {
            case "status" -> (a == null ? n.status() : a.status()).label();
            case "value" -> a == null ? "" : Templates.format(a.value());
            case "count" -> Integer.toString(n.alerts().size());
            case "receiver" -> n.receiver();
            default -> a == null || a.generatorUrl() == null ? "" : a.generatorUrl();
        };
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
