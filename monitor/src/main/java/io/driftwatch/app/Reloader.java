package io.driftwatch.app;

import io.driftwatch.config.ConfigException;
import io.driftwatch.config.DriftwatchConfig;
import io.driftwatch.config.ModelConfig;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.http.ApiBackend;
import io.driftwatch.metrics.Metrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the configuration as Prometheus does: on SIGHUP, on {@code POST /-/reload}, and with
 * {@code config.watch: true} when the files change (a ConfigMap volume swaps a symlink: what is compared is
 * the content of every file the configuration reads). The new configuration is checked whole; on an error
 * the running one stays, each error is logged with its file:line:column, and
 * {@code driftwatch_config_last_reload_successful} is 0 while the success timestamp keeps its value. The
 * store, the listener and the Lease are read at start only: a change to them is logged as needing a restart.
 */
final class Reloader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Reloader.class);

    private final Driftwatch daemon;
    private final ConfigurationLoader loader;
    private final Metrics metrics;
    private final Clock clock;
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "config-watch");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> watch;
    private String seen;

    Reloader(Driftwatch daemon, Configuration started, Metrics metrics, Clock clock) {
        this.daemon = daemon;
        this.loader = new ConfigurationLoader(TestRegistry.standard());
        this.metrics = metrics;
        this.clock = clock;
        metrics.configReloadSuccessful.set(1);
        metrics.configReloadSuccessTime.set(clock.instant().toEpochMilli() / 1000.0);
        this.seen = fingerprint(started);
        watch(started.main().watch());
    }

    /** Reloads now; {@code why} is logged (sighup, api, watch). */
    synchronized ApiBackend.ReloadOutcome reload(String why) {
        Configuration current = daemon.configuration();
        Configuration next;
        try {
            next = loader.load(current.main().file());
        } catch (ConfigException e) {
            metrics.configReloadSuccessful.set(0);
            e.errors().forEach(err -> LOG.atError().addKeyValue("trigger", why).log("reload refused: {}", err));
            return new ApiBackend.ReloadOutcome(false, "the configuration is not valid; the running one stays:\n"
                    + e.getMessage(), Map.of());
        }
        restartOnly(current.main(), next.main());
        Map<String, List<String>> changes = changes(current.main(), daemon.withMonitors(next).main());
        try {
            daemon.apply(next);
        } catch (Exception e) {
            metrics.configReloadSuccessful.set(0);
            LOG.atError().setCause(e).log("reload failed while wiring the new configuration: {}", e.getMessage());
            return new ApiBackend.ReloadOutcome(false, "the new configuration could not be wired: " + e.getMessage(), changes);
        }
        seen = fingerprint(next);
        metrics.configReloadSuccessful.set(1);
        metrics.configReloadSuccessTime.set(clock.instant().toEpochMilli() / 1000.0);
        LOG.atInfo().addKeyValue("trigger", why).log("configuration reloaded ({}): added {}, removed {}, changed {}", why,
                changes.get("added"), changes.get("removed"), changes.get("changed"));
        watch(next.main().watch());
        return new ApiBackend.ReloadOutcome(true, "reloaded", changes);
    }

    private static Map<String, List<String>> changes(DriftwatchConfig before, DriftwatchConfig after) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (ModelConfig m : after.models()) {
            before.model(m.name()).ifPresentOrElse(old -> {
                if (!old.equals(m)) {
                    changed.add(m.name());
                }
            }, () -> added.add(m.name()));
        }
        out.put("added", added);
        out.put("removed", before.models().stream().map(ModelConfig::name).filter(n -> after.model(n).isEmpty()).toList());
        out.put("changed", changed);
        return out;
    }

    private static void restartOnly(DriftwatchConfig before, DriftwatchConfig after) {
        if (!Objects.equals(before.store(), after.store()) || !Objects.equals(before.http(), after.http())
                || !Objects.equals(before.kubernetes(), after.kubernetes())) {
            LOG.warn("store, http and kubernetes are read at start: their changes take effect at the next restart");
        }
    }

    /** Follows the files every {@code every} (null: not at all). */
    private void watch(Duration every) {
        if (watch != null) {
            watch.cancel(false);
            watch = null;
        }
        if (every != null) {
            watch = watcher.scheduleWithFixedDelay(this::checkFiles, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void checkFiles() {
        try {
            Configuration current = daemon.configuration();
            String now = fingerprint(current);
            if (!now.equals(seen)) {
                LOG.info("configuration files changed: reloading");
                synchronized (this) {
                    seen = now; // a configuration that stays invalid is reported once, not at every check
                }
                reload("watch");
            }
        } catch (RuntimeException e) {
            LOG.atWarn().log("config watch: {}", e.getMessage());
        }
    }

    /** A digest of every file the configuration reads (main, rules, routing), resolved through symlinks. */
    private static String fingerprint(Configuration c) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            List<Path> files = new ArrayList<>();
            files.add(c.main().file());
            Path dir = c.main().file().getParent();
            files.addAll(c.main().ruleFiles());
            if (c.main().routingFile() != null) {
                files.add(c.main().routingFile());
            }
            // rule globs may match new files: the folder's listing counts too
            for (Path f : files) {
                sha.update(f.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update(Files.isReadable(f) ? Files.readAllBytes(f) : new byte[] {0});
            }
            try (var list = Files.list(dir)) {
                list.map(Path::getFileName).map(Path::toString).sorted().forEach(n -> sha.update(n.getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    /** Reloads on SIGHUP, as Prometheus and Alertmanager do (the JDK's signal API, where the platform has it). */
    void onSighup() {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Object h = java.lang.reflect.Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler},
                    (proxy, method, args) -> {
                        if ("handle".equals(method.getName())) {
                            Thread t = new Thread(() -> reload("sighup"), "config-reload");
                            // the signal thread has no context class loader; Quartz's JDBC store makes proxies with it
                            t.setContextClassLoader(Reloader.class.getClassLoader());
                            t.setDaemon(true);
                            t.start();
                        }
                        return null;
                    });
            signal.getMethod("handle", signal, handler).invoke(null, signal.getConstructor(String.class).newInstance("HUP"), h);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("SIGHUP cannot be handled here ({}): reload with POST /-/reload", e.toString());
        }
    }

    @Override
    public void close() {
        watcher.shutdownNow();
    }
}
