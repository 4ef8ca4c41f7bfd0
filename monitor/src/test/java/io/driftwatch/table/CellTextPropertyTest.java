package io.driftwatch.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * CSV cells that look like numbers (leading zeros, signs, fractions, exponents) among text: a cell read
 * as text is a function of the cell alone, never of where it stands or of what came before it, and a
 * code written with leading zeros keeps its text exactly.
 */
class CellTextPropertyTest {
    @Provide
    Arbitrary<String> cells() {
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(5);
        Arbitrary<String> numberLike = Combinators.combine(Arbitraries.of("", "-", "+"), Arbitraries.of("", "0", "00"), digits,
                Arbitraries.of("", ".5", ".50", ".0", "e3")).as((sign, zeros, d, tail) -> sign + zeros + d + tail);
        Arbitrary<String> words = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(4);
        return Arbitraries.oneOf(numberLike, numberLike, words, Arbitraries.of("True", "false", "NA", "n/a"));
    }

    private static Map<String, String> texts(List<String> cells) throws Exception {
        Path f = Files.createTempFile("cells", ".csv");
        try {
            List<String> lines = new ArrayList<>(List.of("v"));
            lines.addAll(cells);
            Files.write(f, lines);
            Table t = TableReader.read(f);
            String[] text = t.column("v").text().cells();
            Map<String, String> out = new HashMap<>();
            for (int i = 0; i < cells.size(); i++) {
                String before = out.put(cells.get(i), text[i]);
                assertThat(before == null || java.util.Objects.equals(before, text[i]))
                        .as("'%s' read as '%s' and as '%s' in one file", cells.get(i), before, text[i]).isTrue();
            }
            return out;
        } finally {
            Files.delete(f);
        }
    }

    @Property(tries = 300)
    void aCellsTextDependsOnTheCellAlone(@ForAll @Size(min = 1, max = 2500) List<@net.jqwik.api.From("cells") String> cells)
            throws Exception {
        Map<String, String> forward = texts(cells);
        List<String> reversed = new ArrayList<>(cells);
        Collections.reverse(reversed);
        assertThat(texts(reversed)).isEqualTo(forward);
        forward.forEach((cell, text) -> {
            if (ColumnBuilder.leadingZero(cell)) {
                assertThat(text).isEqualTo(cell);
            }
        });
    }
}
