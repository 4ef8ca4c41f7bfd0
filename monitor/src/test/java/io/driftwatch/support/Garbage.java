package io.driftwatch.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Inputs that parsers must survive: random text (any Unicode), random bytes, deep nesting, huge numbers,
 * and valid inputs mutated (cut, spliced, with characters inserted, deleted or replaced).
 */
public final class Garbage {
    private static final List<String> HUGE = List.of("1e400", "-1e99999", "9".repeat(500), "0." + "0".repeat(400) + "1",
            "NaN", "Infinity", "-0", "0x1p9999", "1" + "0".repeat(30), "99999999999999999999d");

    private Garbage() {
    }

    /** Text for a parser whose valid inputs look like {@code seeds}. */
    public static Arbitrary<String> text(List<String> seeds) {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, mutated(seeds)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().all().ofMaxLength(200)),
                net.jqwik.api.Tuple.of(1, bytes().map(b -> new String(b, StandardCharsets.UTF_8))),
                net.jqwik.api.Tuple.of(1, nested()),
                net.jqwik.api.Tuple.of(1, Combinators.combine(Arbitraries.of(seeds), Arbitraries.of(HUGE))
                        .as(Garbage::withHugeNumber)));
    }

    /** Bytes for a parser that reads files: mostly the text above in UTF-8, sometimes raw bytes. */
    public static Arbitrary<byte[]> file(List<String> seeds) {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, text(seeds).map(s -> s.getBytes(StandardCharsets.UTF_8))),
                net.jqwik.api.Tuple.of(2, bytes()));
    }

    private static Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    }

    private static Arbitrary<String> nested() {
        return Combinators.combine(Arbitraries.of("[", "{\"a\":", "- ", "  a:\n", "((", "{{ "),
                Arbitraries.integers().between(1, 3000)).as((open, n) -> open.repeat(n));
    }

    private static String withHugeNumber(String seed, String number) {
        return seed.replaceAll("-?\\d+(\\.\\d+)?", number);
    }

    private static Arbitrary<String> mutated(List<String> seeds) {
        Arbitrary<String> junk = Arbitraries.strings().all().ofMaxLength(12);
        return Combinators.combine(Arbitraries.of(seeds), Arbitraries.integers().between(0, 4),
                Arbitraries.doubles().between(0, 1), Arbitraries.doubles().between(0, 1), junk)
                .as(Garbage::mutate);
    }

    /** One edit of {@code s}: cut at a, delete [a, b), insert junk at a, duplicate [a, b), or replace [a, b). */
    static String mutate(String s, int op, double x, double y, String junk) {
        int a = (int) (Math.min(x, y) * s.length());
        int b = (int) (Math.max(x, y) * s.length());
        return switch (op) {
            case 0 -> s.substring(0, a);
            case 1 -> s.substring(0, a) + s.substring(b);
            case 2 -> s.substring(0, a) + junk + s.substring(a);
            case 3 -> s.substring(0, b) + s.substring(a, b) + s.substring(b);
            default -> s.substring(0, a) + junk + s.substring(b);
        };
    }
}
