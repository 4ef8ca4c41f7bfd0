package io.driftwatch.view;

import io.driftwatch.util.Json;

/**
 * One page of the console or the report: a small HTML shell with the page's data as JSON, drawn by
 * {@code console.js}. In the console the scripts and styles are linked from {@code /static/}; in a
 * report they are inlined, so that the file opens from disk with no network.
 */
public final class Shell {
    /** Where the page's scripts and styles come from. */
    public enum Mode { LINKED, INLINE }

    private static final String[][] NAV = {{"/", "Models", "models"}, {"/alerts", "Alerts", "alerts"},
        {"/actions", "Actions", "actions"}};

    private Shell() {
    }

    /**
     * The page {@code page} (models, model, feature, alerts, actions, report) titled {@code title} with its
     * {@code data} (anything Jackson writes).
     */
    public static String page(String page, String title, Object data, Mode mode) {
        StringBuilder b = new StringBuilder(4096);
        b.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<link rel=\"icon\" href=\"data:,\">")
                .append("<title>").append(escape(title)).append(" · Driftwatch</title>");
        style(b, "uPlot.min.css", mode);
        style(b, "console.css", mode);
        b.append("</head><body><header><span class=\"brand\">Driftwatch</span>");
        if (mode == Mode.LINKED) {
            b.append("<nav aria-label=\"main\">");
            for (String[] n : NAV) {
                boolean here = n[2].equals(page) || (n[2].equals("models") && (page.equals("model") || page.equals("feature")));
                b.append("<a href=\"").append(n[0]).append('"').append(here ? " aria-current=\"page\"" : "").append('>')
                        .append(n[1]).append("</a>");
            }
            b.append("<a href=\"/logout\" class=\"signout\">Sign out</a></nav>");
        }
        b.append("</header><main id=\"app\" tabindex=\"-1\"><noscript>This page draws its tables and charts with "
                + "JavaScript; the same data is in the JSON API under /api/v1.</noscript></main>")
                .append("<script type=\"application/json\" id=\"dw-data\">").append(json(page, data))
                .append("</script>");
        script(b, "uPlot.iife.min.js", mode);
        script(b, "console.js", mode);
        return b.append("</body></html>\n").toString();
    }

    /** The data as the script reads it: the page's fields plus {@code page}; '<' escaped inside the script. */
    static String json(String page, Object data) {
        tools.jackson.databind.node.ObjectNode node = Json.MAPPER.valueToTree(data);
        node.put("page", page);
        return Json.write(node).replace("<", "\\u003c");
    }

    private static void style(StringBuilder b, String name, Mode mode) {
        if (mode == Mode.LINKED) {
            b.append("<link rel=\"stylesheet\" href=\"/static/").append(name).append("\">");
        } else {
            b.append("<style>").append(Assets.get(name).orElseThrow().text().replace("</", "<\\/")).append("</style>");
        }
    }

    private static void script(StringBuilder b, String name, Mode mode) {
        if (mode == Mode.LINKED) {
            b.append("<script src=\"/static/").append(name).append("\"></script>");
        } else {
            b.append("<script>").append(Assets.get(name).orElseThrow().text().replace("</script", "<\\/script"))
                    .append("</script>");
        }
    }

    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
