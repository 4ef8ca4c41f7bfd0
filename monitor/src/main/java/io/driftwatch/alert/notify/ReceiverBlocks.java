package io.driftwatch.alert.notify;

import io.driftwatch.config.ConfigNode;
import io.driftwatch.config.TemplateSyntax;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks that several receiver kinds share: http(s) URLs and message template directories. */
public final class ReceiverBlocks {
    private ReceiverBlocks() {
    }

    /** The required http(s) URL under {@code key}, or null (with an error) when it is missing or not one. */
    public static String httpUrl(ConfigNode n, String key) {
        String url = n.requiredString(key);
        if (url != null && !validHttpUrl(url)) {
            n.error(key, "'" + io.driftwatch.util.Redact.url(url) + "' is not an http(s) URL");
        }
        return url;
    }

    public static boolean validHttpUrl(String url) {
        try {
            URI u = URI.create(url);
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The receiver's template directory ({@code templates/} next to the routing file, or {@code templates:}),
     * each of {@code files} checked to exist and to close every {@code {{}.
     */
    public static Path templates(ConfigNode n, Path base, String... files) {
        Path dir = base.resolve(n.string("templates").orElse("templates"));
        for (String f : files) {
            Path file = dir.resolve(f);
            if (!Files.isRegularFile(file)) {
                n.error("templates", "template " + file + " does not exist");
                continue;
            }
            try {
                String bad = TemplateSyntax.problem(Files.readString(file));
                if (bad != null) {
                    n.error("templates", "template " + file + ": " + bad);
                }
            } catch (IOException | UncheckedIOException e) {
                n.error("templates", "template " + file + " cannot be read: " + e.getMessage());
            }
        }
        return dir;
    }
}
