package io.driftwatch.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.support.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFileTest {
    @TempDir
    Path dir;

    private Path sample(int rows) {
        Random rnd = new Random(3);
        List<String> lines = new ArrayList<>(List.of("a,b,code"));
        for (int i = 0; i < rows; i++) {
            String a = i % 97 == 0 ? "" : i % 89 == 0 ? "NaN" : String.format("%.6g", rnd.nextGaussian());
            String code = i == rows - 3 ? "X7" : Integer.toString(i % 4);
            lines.add(a + "," + (i % 5) + "," + code + (i % 2 == 0 ? "\r" : ""));
        }
        Path p = dir.resolve("t.csv");
        Fixtures.writeLines(p, lines);
        return p;
    }

    @Test
    void chunkedParallelParsingGivesTheSameTableAsOneChunk() throws Exception {
        Path p = sample(20_000);
        Table one = CsvFile.read(p, Integer.MAX_VALUE);
        Table many = CsvFile.read(p, 4096);
        assertThat(many.rows()).isEqualTo(20_000).isEqualTo(one.rows());
        assertThat(many.columns()).containsExactly("a", "b", "code");
        Table.NumericColumn a1 = (Table.NumericColumn) one.column("a");
        Table.NumericColumn a2 = (Table.NumericColumn) many.column("a");
        for (int i = 0; i < 20_000; i++) {
            assertThat(Double.doubleToLongBits(a2.numbers()[i])).isEqualTo(Double.doubleToLongBits(a1.numbers()[i]));
        }
        assertThat(Double.isNaN(a2.numbers()[0])).isTrue();
        assertThat(many.column("b")).isInstanceOf(Table.NumericColumn.class);
        // one odd cell keeps the column numeric; it is kept aside with its line for the caller to judge
        Table.NumericColumn code = (Table.NumericColumn) many.column("code");
        assertThat(code.unparsable().count()).isEqualTo(1);
        assertThat(code.unparsable().cells()).containsExactly("X7");
        assertThat(code.unparsable().firstLine()).isEqualTo(19_999);
        assertThat(((Table.NumericColumn) one.column("code")).unparsable().firstLine()).isEqualTo(19_999);
        assertThat(code.text().cells()[1]).isEqualTo("1");
        assertThat(code.text().cells()[19_997]).isEqualTo("X7");
        assertThat(code.size()).isEqualTo(20_000);
    }

    @Test
    void aRaggedRowIsReportedWithItsLineAcrossChunks() {
        List<String> lines = new ArrayList<>(List.of("x,y"));
        for (int i = 0; i < 5000; i++) {
            lines.add(i == 4321 ? "1" : i + ",2");
        }
        Path p = dir.resolve("r.csv");
        Fixtures.writeLines(p, lines);
        assertThatThrownBy(() -> CsvFile.read(p, 1000)).isInstanceOf(TableFormatException.class)
                .hasMessage(p + ":4323: expected 2 fields as in the header, found 1");
    }

    @Test
    void quotedFilesTakeTheSequentialPathWithTheSameResult() throws Exception {
        Path p = Fixtures.write(dir.resolve("q.csv"), "n,label\n1,\"a, b\"\n2,\"multi\nline\"\n,\n");
        assertThat(CsvFile.read(p)).isNull();
        Table t = TableReader.read(p);
        assertThat(((Table.NumericColumn) t.column("n")).numbers()).startsWith(1.0, 2.0);
        assertThat(((Table.TextColumn) t.column("label")).cells()).startsWith("a, b", "multi\nline", null);
    }
}
