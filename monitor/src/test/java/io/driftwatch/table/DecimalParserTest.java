package io.driftwatch.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DecimalParserTest {

    private static double parse(String s) {
        byte[] b = ("x" + s + "y").getBytes(StandardCharsets.US_ASCII);
        return DecimalParser.parse(b, 1, b.length - 1);
    }

    @Test
    void equalsDoubleParseDoubleBitForBit() {
        Random rnd = new Random(1);
        String[] formats = {"%.6g", "%.17g", "%.3f", "%e", "%.15e", "%.0f", "%.10f"};
        for (int i = 0; i < 200_000; i++) {
            double v = switch (i % 4) {
                case 0 -> rnd.nextGaussian();
                case 1 -> Math.exp(20 * rnd.nextGaussian());
                case 2 -> rnd.nextInt(1_000_000) - 500_000;
                default -> Double.longBitsToDouble(rnd.nextLong()) % 1e30;
            };
            if (!Double.isFinite(v)) {
                continue;
            }
            String s = String.format(Locale.ROOT, formats[i % formats.length], v);
            assertThat(Double.doubleToLongBits(parse(s))).as(s).isEqualTo(Double.doubleToLongBits(Double.parseDouble(s)));
        }
    }

    @Test
    void edgeCasesAndRejects() {
        for (String s : new String[] {"0", "-0", "+1.5", ".5", "5.", "1e22", "1e-22", "9007199254740993", "123456789012345678901",
                "1E+5", "1.7976931348623157e308", "4.9e-324"}) {
            assertThat(Double.doubleToLongBits(parse(s))).as(s).isEqualTo(Double.doubleToLongBits(Double.parseDouble(s)));
        }
        // words, Java's hex and suffix forms and overflow are for Cells to judge, never numbers here
        for (String s : new String[] {"", "-", ".", "abc", "1e", "1.2.3", "--1", "NaN", "Infinity", "-Infinity", "0x1p3",
                "1.5d", "2f", "1e400", " 1"}) {
            assertThatThrownBy(() -> parse(s)).as("'" + s + "'").isInstanceOf(NumberFormatException.class);
        }
    }
}
