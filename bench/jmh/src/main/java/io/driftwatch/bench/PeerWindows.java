package io.driftwatch.bench;

import io.driftwatch.drift.ColumnResult;
import io.driftwatch.drift.ColumnSamples;
import io.driftwatch.drift.ColumnSpec;
import io.driftwatch.drift.ColumnType;
import io.driftwatch.drift.DriftEngine;
import io.driftwatch.drift.DriftPolicy;
import io.driftwatch.drift.DriftReport;
import io.driftwatch.drift.Sample;
import io.driftwatch.drift.Samples;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.drift.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Driftwatch's side of the peers benchmark's alert-fatigue scenarios: each window {@code wN.ref.npy} /
 * {@code wN.cur.npy} of a scenario folder judged by the daemon's engine with its default policy
 * (Benjamini-Hochberg across features, effect-size floors), one JSON line per window:
 * {@code {"window": N, "alert": true, "drifted": [0, 3]}}. Usage: PeerWindows DIR
 */
public final class PeerWindows {
    private PeerWindows() {
    }

    public static void main(String[] args) throws IOException {
        DriftEngine engine = new DriftEngine(TestRegistry.standard(), DriftPolicy.defaults());
        List<Path> refs;
        try (Stream<Path> s = Files.list(Path.of(args[0]))) {
            refs = s.filter(p -> p.getFileName().toString().endsWith(".ref.npy")).sorted().toList();
        }
        for (Path ref : refs) {
            String name = ref.getFileName().toString().replace(".ref.npy", "");
            DriftReport report = judge(engine, Npy.columns(ref), Npy.columns(ref.resolveSibling(name + ".cur.npy")));
            List<Integer> drifted = new ArrayList<>();
            for (int i = 0; i < report.columns().size(); i++) {
                ColumnResult c = report.columns().get(i);
                if (c.drift()) {
                    drifted.add(Integer.parseInt(c.name().substring(1)));
                }
            }
            System.out.println("{\"window\": \"" + name + "\", \"alert\": " + (report.verdict() == Verdict.DRIFT)
                    + ", \"drifted\": " + drifted + "}");
        }
    }

    private static DriftReport judge(DriftEngine engine, double[][] ref, double[][] cur) {
        List<ColumnSpec> specs = new ArrayList<>();
        Map<String, Sample> r = new HashMap<>();
        Map<String, Sample> c = new HashMap<>();
        for (int f = 0; f < ref.length; f++) {
            specs.add(new ColumnSpec("f" + f, "f" + f, ColumnType.NUMERIC, List.of()));
            r.put("f" + f, Samples.numeric(ref[f], ref[f].length));
            c.put("f" + f, Samples.numeric(cur[f], cur[f].length));
        }
        return engine.compare(specs, ColumnSamples.fit(r), c);
    }
}
