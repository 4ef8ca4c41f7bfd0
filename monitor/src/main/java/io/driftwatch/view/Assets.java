package io.driftwatch.view;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's static files: uPlot from its webjar (no CDN, no npm build) and our own script and
 * styles, read from the classpath on first use and kept; served under {@code /static/} or inlined into
 * a report. uPlot's folder in the webjar is named by its version, which Maven writes into
 * {@code view/assets.properties} at build time (the jar keeps no webjar metadata of its own).
 */
public final class Assets {
    /** A file served as is. */
    public record Asset(String name, String contentType, String text) {
    }

    /** A console file the build should have packaged is not on the classpath: the jar is incomplete. */
    public static final class MissingAsset extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MissingAsset(String message) {
            super(message);
        }
    }

    private record Source(String resource, String contentType) {
    }

    private static final String CSS = "text/css; charset=utf-8";
    private static final String JS = "text/javascript; charset=utf-8";
    private static final String PROPERTIES = "view/assets.properties";
    private static final List<String> NAMES = List.of("uPlot.min.css", "console.css", "uPlot.iife.min.js", "console.js");
    private static final Map<String, Asset> LOADED = new ConcurrentHashMap<>();

    private Assets() {
    }

    private static Source source(String name) {
        return switch (name) {
            case "uPlot.min.css" -> new Source(uplotDist() + name, CSS);
            case "uPlot.iife.min.js" -> new Source(uplotDist() + name, JS);
            case "console.css" -> new Source("view/console.css", CSS);
            case "console.js" -> new Source("view/console.js", JS);
            default -> null;
        };
    }

    private static String uplotDist() {
        return "META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/";
    }

    /** uPlot's version, as the build wrote it. */
    static String uplotVersion() {
        Properties p = new Properties();
        try (java.io.Reader r = new java.io.InputStreamReader(stream(PROPERTIES), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PROPERTIES + ": " + e.getMessage(), e);
        }
        String v = p.getProperty("uplot.version", "");
        if (v.isBlank() || v.contains("${")) {
            throw new MissingAsset(PROPERTIES + " names no uPlot version (was the jar built by Maven?)");
        }
        return v.strip();
    }

    private static InputStream stream(String resource) {
        InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new MissingAsset("the console file " + resource + " is not in the jar");
        }
        return in;
    }

    private static Asset load(String name) {
        Source s = source(name);
        try (InputStream in = stream(s.resource())) {
            return new Asset(name, s.contentType(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + s.resource() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The file {@code name}, or empty when there is no such file; a known file that cannot be read is
     * a {@link MissingAsset}.
     */
    public static Optional<Asset> get(String name) {
        if (!NAMES.contains(name)) {
            return Optional.empty();
        }
        return Optional.of(LOADED.computeIfAbsent(name, Assets::load));
    }

    static Iterable<Asset> all() {
        return NAMES.stream().map(n -> get(n).orElseThrow()).toList();
    }
}
