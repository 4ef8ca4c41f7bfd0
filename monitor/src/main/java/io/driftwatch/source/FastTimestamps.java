package io.driftwatch.source;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The usual log timestamp, {@code 2026-11-02T10:15:30Z} or with a fraction of 1 to 9 digits
 * ({@code 2026-11-02T10:15:30.123Z}), read without a formatter. Any other shape gives null, and
 * {@link Instant#parse} (slower, more forms) decides; for the shapes read here the two agree.
 */
final class FastTimestamps {
    private FastTimestamps() {
    }

    static Instant parse(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int digits = n - 21;
            if (s.charAt(19) != '.' || digits < 1 || digits > 9) {
                return null;
            }
            int f = digits(s, 20, digits);
            if (f < 0) {
                return null;
            }
            for (int i = digits; i < 9; i++) {
                f *= 10;
            }
            nanos = f;
        }
        if (year < 2000 || year >= 2100) {
            return null; // Timestamps says why
        }
        try {
            long days = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(days * 86_400 + hour * 3600L + minute * 60L + second, nanos);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal number in s[from, from + len), or -1 if a character is not a digit. */
    private static int digits(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
