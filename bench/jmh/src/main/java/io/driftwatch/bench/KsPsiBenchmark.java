package io.driftwatch.bench;

import io.driftwatch.drift.ColumnReference;
import io.driftwatch.drift.KsTest;
import io.driftwatch.drift.PsiTest;
import io.driftwatch.drift.Sample;
import io.driftwatch.drift.Samples;
import io.driftwatch.table.Table;
import io.driftwatch.table.TableReader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One column, reference already fitted (sorted values, frozen PSI edges): the work of one window is
 * taking the raw current values (dropping missing ones and sorting), then KS (statistic and asymptotic
 * p-value) and PSI. The same files as the SciPy anchor's run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(1)
public class KsPsiBenchmark {
    @Param("")
    public String reference;
    @Param("")
    public String current;
    @Param("f0")
    public String column;

    private ColumnReference.Numeric fitted;
    private double[] raw;
    private final KsTest ks = new KsTest();
    private final PsiTest psi = new PsiTest();

    @Setup
    public void load() throws Exception {
        Table ref = TableReader.read(Path.of(reference));
        Table cur = TableReader.read(Path.of(current));
        Table.NumericColumn r = (Table.NumericColumn) ref.column(column);
        fitted = ColumnReference.Numeric.fit(Samples.numeric(r.numbers(), r.size()));
        Table.NumericColumn c = (Table.NumericColumn) cur.column(column);
        raw = java.util.Arrays.copyOf(c.numbers(), c.size());
    }

    @Benchmark
    public double ksAndPsi() {
        Sample.Numeric window = Samples.numeric(raw, raw.length);
        return ks.run(fitted, window).pValue() + psi.run(fitted, window).statistic();
    }
}
