package io.driftwatch.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code driftwatch} in its own JVM from the built jar ({@code java -jar monitor/target/driftwatch.jar}, as
 * a user runs it), collecting its output lines as they come. Tests that use it are integration tests
 * ({@code *IT}), run by failsafe after {@code package}.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();

    private final List<Thread> pumps;

    private ChildJvm(Process process) {
        this.process = process;
        this.pumps = List.of(pump(process.getInputStream(), out), pump(process.getErrorStream(), err));
    }

    public static ChildJvm start(Path workDir, List<String> jvmArgs, String... args) throws IOException {
        return start(workDir, java.util.Map.of(), jvmArgs, args);
    }

    /** The same with extra environment variables. */
    public static ChildJvm start(Path workDir, java.util.Map<String, String> env, List<String> jvmArgs, String... args)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx256m"));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-jar", jar().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().remove("DRIFTWATCH_LOG_FORMAT");
        pb.environment().putAll(env);
        return new ChildJvm(pb.start());
    }

    /** The JVM the tests run on. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The jar {@code mvn package} built; failsafe names it in the system property {@code driftwatch.jar}. */
    public static Path jar() {
        String p = System.getProperty("driftwatch.jar");
        if (p == null || !java.nio.file.Files.isRegularFile(Path.of(p))) {
            throw new AssertionError("no built jar (system property driftwatch.jar = " + p + "): process tests are "
                    + "*IT classes, run by failsafe after package (mvn verify)");
        }
        return Path.of(p);
    }

    private static Thread pump(InputStream in, List<String> sink) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    sink.add(line);
                }
            } catch (IOException e) {
                sink.add("<<pump failed: " + e + ">>");
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Sends SIGHUP (a reload, as for Prometheus). */
    public void hangUp() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).start().waitFor();
    }

    public List<String> out() {
        return out;
    }

    public List<String> err() {
        return err;
    }

    public boolean anyLine(String text) {
        return out.stream().anyMatch(l -> l.contains(text)) || err.stream().anyMatch(l -> l.contains(text));
    }

    public long count(String text) {
        return err.stream().filter(l -> l.contains(text)).count() + out.stream().filter(l -> l.contains(text)).count();
    }

    /** Sends SIGTERM and waits for the exit status (and the last output lines). */
    public int terminate() throws InterruptedException {
        process.toHandle().destroy(); // unlike Process.destroy(), this leaves the output pipes open
        pumps.forEach(t -> {
            try {
                t.join(TimeUnit.SECONDS.toMillis(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("did not stop within 60 s of SIGTERM; stderr: " + err);
        }
        return process.exitValue();
    }

    /** Sends SIGKILL (a crash: no shutdown hooks, nothing flushed) and waits for the process to be gone. */
    public void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("still alive 30 s after SIGKILL");
        }
    }

    /** Waits for the process to end by itself and returns its exit status. */
    public int waitFor(java.time.Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + limit + "; stderr: " + err);
        }
        pumps.forEach(t -> {
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
