package io.driftwatch.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.function.Predicate;

/**
 * Tools that .ci/run installs (Chromium, kubectl, promtool) or builds and names in environment variables
 * (Schemathesis, the test kube-apiserver, the projects' CRDs): under CI a missing one fails the test;
 * elsewhere the test is skipped, saying what .ci/run would have provided.
 */
public final class CiTools {
    private CiTools() {
    }

    /** The variable's value when {@code usable}; else a failure under CI, a skip elsewhere. */
    public static String require(String variable, Predicate<String> usable, String what) {
        String v = System.getenv(variable);
        if (v != null && usable.test(v)) {
            return v;
        }
        if (System.getenv("CI") != null) {
            throw new AssertionError(variable + " does not name " + what + " (.ci/run provides it): " + v);
        }
        assumeTrue(false, what + " is not there (.ci/run provides it in " + variable + ")");
        return v;
    }

    /** A tool .ci/run installs: when it is not {@code there}, a failure under CI, a skip elsewhere. */
    public static void need(boolean there, String what) {
        if (there) {
            return;
        }
        if (System.getenv("CI") != null) {
            throw new AssertionError(what + " is not installed (.ci/run installs it)");
        }
        assumeTrue(false, what + " is not installed (.ci/run installs it)");
    }

    /** Whether a path is an executable file. */
    public static boolean executable(String path) {
        return java.nio.file.Files.isExecutable(java.nio.file.Path.of(path));
    }
}
