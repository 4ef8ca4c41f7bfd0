package io.driftwatch.config;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Stream;

/** Expands a path that may end in a glob ({@code dir/*.yaml}) or name a directory, relative to a base. */
public final class PathGlobs {
    private PathGlobs() {
    }

    /** True if the last path element holds a glob character. */
    public static boolean isGlob(String pattern) {
        String last = Path.of(pattern).getFileName() == null ? "" : Path.of(pattern).getFileName().toString();
        return last.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    /** The directory part of a pattern, resolved against base. */
    public static Path directory(Path base, String pattern) {
        Path p = base.resolve(pattern);
        if (isGlob(pattern)) {
            return p.getParent();
        }
        return Files.isDirectory(p) ? p : p.getParent();
    }

    /** Regular files matching the pattern, sorted by name; a directory means every file in it. */
    public static List<Path> expand(Path base, String pattern) throws IOException {
        Path p = base.resolve(pattern);
        if (!isGlob(pattern)) {
            if (Files.isDirectory(p)) {
                return list(p, "glob:*");
            }
            return Files.isRegularFile(p) ? List.of(p) : List.of();
        }
        if (!Files.isDirectory(p.getParent())) {
            return List.of();
        }
        return list(p.getParent(), "glob:" + p.getFileName());
    }

    private static List<Path> list(Path dir, String glob) throws IOException {
        PathMatcher m = FileSystems.getDefault().getPathMatcher(glob);
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(f -> m.matches(f.getFileName())).sorted().toList();
        }
    }
}
