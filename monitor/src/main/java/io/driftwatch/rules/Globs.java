package io.driftwatch.rules;

import java.util.regex.Pattern;

/** Shell-style name globs: {@code *} any run, {@code ?} one character. */
public final class Globs {
    private Globs() {
    }

    public static boolean matches(String glob, String name) {
        if ("*".equals(glob)) {
            return true;
        }
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return name.matches(re.toString());
    }
}
