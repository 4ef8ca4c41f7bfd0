package io.driftwatch.view;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * The console's static files: uPlot from its webjar (no CDN, no npm build) and our own script and
 * styles, read once from the classpath; served under {@code /static/} or inlined into a report.
 */
public final class Assets {
    /** A file served as is. */
    public record Asset(String name, String contentType, String text) {
    }

    private static final String WEBJAR = "META-INF/resources/webjars/uplot/";
    private static final Map<String, Asset> ALL = load();

    private Assets() {
    }

    private static Map<String, Asset> load() {
        String dist = WEBJAR + uplotVersion() + "/dist/";
        Map<String, Asset> out = new LinkedHashMap<>();
        out.put("uPlot.min.css", new Asset("uPlot.min.css", "text/css; charset=utf-8", read(dist + "uPlot.min.css")));
        out.put("console.css", new Asset("console.css", "text/css; charset=utf-8", read("view/console.css")));
        out.put("uPlot.iife.min.js", new Asset("uPlot.iife.min.js", "text/javascript; charset=utf-8",
                read(dist + "uPlot.iife.min.js")));
        out.put("console.js", new Asset("console.js", "text/javascript; charset=utf-8", read("view/console.js")));
        return out;
    }

    /** uPlot's version, from the webjar's own Maven metadata. */
    static String uplotVersion() {
        Properties p = new Properties();
        try (InputStream in = Objects.requireNonNull(Assets.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars.npm/uplot/pom.properties"), "uPlot webjar")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    private static String read(String resource) {
        try (InputStream in = Objects.requireNonNull(Assets.class.getClassLoader().getResourceAsStream(resource), resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Optional<Asset> get(String name) {
        return Optional.ofNullable(ALL.get(name));
    }

    static Iterable<Asset> all() {
        return ALL.values();
    }
}
