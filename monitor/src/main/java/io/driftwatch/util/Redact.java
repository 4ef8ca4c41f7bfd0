package io.driftwatch.util;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * URLs as errors, logs and pages may show them: scheme, host, port and path, never the user info, the
 * query or the fragment (where tokens and API keys are put: {@code ?api_key=…}, {@code user:pass@}).
 */
public final class Redact {
    private static final Pattern URL = Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]*://[^\\s\"'<>]+");

    private Redact() {
    }

    /** One URL, shortened to scheme://host[:port]/path; text that is no URL becomes "(a URL that cannot be read)". */
    public static String url(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI u = new URI(url.strip());
            if (u.getScheme() == null || u.getHost() == null) {
                return "(a URL that cannot be read)";
            }
            String path = u.getRawPath() == null ? "" : u.getRawPath();
            return u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "") + path
                    + (u.getRawQuery() != null || u.getRawFragment() != null || u.getRawUserInfo() != null ? " (query redacted)" : "");
        } catch (java.net.URISyntaxException e) {
            return "(a URL that cannot be read)";
        }
    }

    /** The text with every URL in it shortened as {@link #url} does. */
    public static String urls(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = URL.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(url(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }
}
