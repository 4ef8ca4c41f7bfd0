package io.driftwatch.evaluation;

import io.driftwatch.config.FeatureSpec;
import io.driftwatch.config.FeatureType;
import io.driftwatch.config.ModelConfig;
import io.driftwatch.config.ReferenceConfig;
import io.driftwatch.drift.Reconstruction;
import io.driftwatch.quality.Cbpe;
import io.driftwatch.quality.Quality;
import io.driftwatch.source.PredictionRecord;
import io.driftwatch.source.PredictionSource;
import io.driftwatch.table.Table;
import io.driftwatch.table.TableReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model's window-level signals beyond one feature at a time: multivariate drift ({@link Reconstruction})
 * and performance estimated without labels ({@link Cbpe}), each when configured. Both are fitted on the
 * reference once per version (kept in memory, refitted after a restart or a new version) and need the
 * window's records, so a window counted in the source (pushdown) gets none and says so.
 */
final class ModelSignals {
    private static final Logger LOG = LoggerFactory.getLogger(ModelSignals.class);

    private final ModelConfig model;
    private final PredictionSource source;
    private String fittedFor;
    private Fit fit;

    /** The fitted parts, or why one could not be fitted. */
    private record Fit(Reconstruction reconstruction, String reconstructionWhy, Cbpe cbpe, String cbpeWhy) {
    }

    /** Rule metrics ({@code multivariate.*}, {@code estimated.*}) and the report's sections. */
    record Result(Map<String, Double> metrics, Map<String, Object> json) {
        static final Result NONE = new Result(Map.of(), Map.of());
    }

    ModelSignals(ModelConfig model, PredictionSource source) {
        this.model = model;
        this.source = source;
    }

    /** The signals of a window (a moving reference is fitted again when its spans move). */
    Result of(String version, io.driftwatch.source.TimeRange window, List<PredictionRecord> records, boolean pushdown,
              long seed) {
        ModelConfig.Signals wanted = model.signals();
        if (wanted.multivariate().isEmpty() && wanted.estimated().isEmpty()) {
            return Result.NONE;
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        Map<String, Object> json = new LinkedHashMap<>();
        if (pushdown || records.isEmpty()) {
            String why = pushdown ? "the window was counted in the source (pushdown); this signal needs its records"
                    : "the window has no records";
            wanted.multivariate().ifPresent(m -> json.put("multivariate", Map.of("skipped", why)));
            wanted.estimated().ifPresent(m -> json.put("estimated", Map.of("skipped", why)));
            return new Result(metrics, json);
        }
        Fit f = fitted(version, ReferenceLoader.spans(model, window));
        wanted.multivariate().ifPresent(m -> json.put("multivariate", multivariate(f, records, metrics)));
        wanted.estimated().ifPresent(e -> json.put("estimated", estimated(f, e, records, metrics, seed)));
        return new Result(metrics, json);
    }

    private Map<String, Object> multivariate(Fit f, List<PredictionRecord> records, Map<String, Double> metrics) {
        if (f.reconstruction() == null) {
            return Map.of("skipped", f.reconstructionWhy());
        }
        Reconstruction.Score s = f.reconstruction().score(data(records));
        s.metrics().forEach((k, v) -> metrics.put("multivariate." + k, v));
        Map<String, Object> out = new LinkedHashMap<>(s.metrics());
        out.put("reference_sd", s.referenceSd());
        out.put("explained_variance", s.explained());
        out.put("rows", s.rows());
        return out;
    }

    private Map<String, Object> estimated(Fit f, ModelConfig.Estimated e, List<PredictionRecord> records,
                                          Map<String, Double> metrics, long seed) {
        if (f.cbpe() == null) {
            return Map.of("skipped", f.cbpeWhy());
        }
        double[] scores = records.stream().map(PredictionRecord::prediction).filter(Double.class::isInstance)
                .mapToDouble(v -> (Double) v).filter(Double::isFinite).toArray();
        if (scores.length == 0) {
            return Map.of("skipped", "no numeric scores in the window");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Double> realized = realized(records, e.threshold());
        f.cbpe().estimate(scores, seed).forEach((m, est) -> {
            if (Double.isFinite(est.value())) {
                metrics.put("estimated." + m, est.value());
                metrics.put("estimated." + m + ".lower", est.lower());
                metrics.put("estimated." + m + ".upper", est.upper());
            }
            if (realized.containsKey(m) && Double.isFinite(realized.get(m))) {
                metrics.put("estimated." + m + ".realized", realized.get(m));
            }
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("value", finite(est.value()));
            one.put("lower", finite(est.lower()));
            one.put("upper", finite(est.upper()));
            if (realized.containsKey(m)) {
                one.put("realized", finite(realized.get(m)));
            }
            out.put(m, one);
        });
        out.put("records", scores.length);
        out.put("labelled", Scored.of(records).scores().length);
        out.put("threshold", e.threshold());
        return out;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** The window's realized metrics where it has labels, at the same threshold. */
    private static Map<String, Double> realized(List<PredictionRecord> records, double threshold) {
        Scored labelled = Scored.of(records);
        return labelled.scores().length == 0 ? Map.of() : Cbpe.realized(labelled.scores(), labelled.labels(), threshold);
    }

    /** The labelled records' numeric scores and whether each label is the positive class. */
    private record Scored(double[] scores, boolean[] labels) {
        static Scored of(List<PredictionRecord> records) {
            List<PredictionRecord> labelled = records.stream()
                    .filter(r -> r.label() != null && r.prediction() instanceof Double d && Double.isFinite(d)).toList();
            double[] s = new double[labelled.size()];
            boolean[] y = new boolean[s.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = (Double) labelled.get(i).prediction();
                y[i] = Quality.positive(labelled.get(i).label());
            }
            return new Scored(s, y);
        }
    }

    private Fit fitted(String version, List<ReferenceConfig.Span> spans) {
        String key = version + "|" + ReferenceLoader.fingerprint(model, spans);
        if (!key.equals(fittedFor)) {
            fit = fit(spans);
            fittedFor = key;
        }
        return fit;
    }

    private Fit fit(List<ReferenceConfig.Span> spans) {
        List<PredictionRecord> records;
        Reconstruction.Data data;
        try {
            boolean csv = spans.isEmpty() && model.reference() instanceof ReferenceConfig.FileReference f
                    && f.file().getFileName().toString().endsWith(".csv");
            records = csv ? null : ReferenceLoader.usable(model, source, spans).records();
            data = csv ? table() : data(records);
        } catch (ReferenceLoader.ReferenceException | java.io.IOException | io.driftwatch.table.TableFormatException e) {
            String why = "the reference cannot be read: " + e.getMessage();
            return new Fit(null, why, null, why);
        }
        Reconstruction r = null;
        String rWhy = null;
        if (model.signals().multivariate().isPresent()) {
            ModelConfig.Multivariate m = model.signals().multivariate().get();
            r = Reconstruction.fit(data, m.variance(), m.topCategories());
            rWhy = r == null ? "the reference has too few rows or encoded columns (at least 2 columns and twice as many rows)" : null;
        }
        Cbpe c = null;
        String cWhy = null;
        if (model.signals().estimated().isPresent()) {
            ModelConfig.Estimated e = model.signals().estimated().get();
            Scored labelled = Scored.of(records == null ? List.of() : records);
            if (labelled.scores().length < e.minCalibration()) {
                cWhy = "the reference has " + labelled.scores().length + " labelled records with a numeric score; "
                        + "estimated.min_calibration is " + e.minCalibration() + (records == null ? " (a CSV reference has no labels)" : "");
            } else {
                c = Cbpe.fit(labelled.scores(), labelled.labels(), e.threshold());
            }
        }
        LOG.atInfo().addKeyValue("model", model.name()).log("model signals of {} fitted (multivariate: {}, estimated: {})",
                model.name(), r != null ? "yes" : rWhy, c != null ? "yes" : cWhy);
        return new Fit(r, rWhy, c, cWhy);
    }

    /** The input features of records as columns. */
    private Reconstruction.Data data(List<PredictionRecord> records) {
        Map<String, double[]> numeric = new LinkedHashMap<>();
        Map<String, String[]> categorical = new LinkedHashMap<>();
        for (FeatureSpec f : model.features()) {
            if (f.type() == FeatureType.NUMERIC) {
                double[] v = new double[records.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = records.get(i).input().get(f.field()) instanceof Double d ? d : Double.NaN;
                }
                numeric.put(f.name(), v);
            } else {
                String[] v = new String[records.size()];
                for (int i = 0; i < v.length; i++) {
                    Object o = records.get(i).input().get(f.field());
                    v[i] = o == null ? null : String.valueOf(o);
                }
                categorical.put(f.name(), v);
            }
        }
        return new Reconstruction.Data(numeric, categorical, records.size());
    }

    /** A CSV reference's feature columns. */
    private Reconstruction.Data table() throws java.io.IOException, io.driftwatch.table.TableFormatException {
        Table t = TableReader.read(((ReferenceConfig.FileReference) model.reference()).file());
        Map<String, double[]> numeric = new LinkedHashMap<>();
        Map<String, String[]> categorical = new LinkedHashMap<>();
        int rows = -1;
        for (FeatureSpec f : model.features()) {
            Table.Column c = t.column(f.field());
            if (c == null) {
                continue;
            }
            if (f.type() == FeatureType.NUMERIC) {
                Table.NumericColumn n = c.numeric();
                numeric.put(f.name(), java.util.Arrays.copyOf(n.numbers(), n.size()));
                rows = n.size();
            } else {
                Table.TextColumn x = c.text();
                categorical.put(f.name(), java.util.Arrays.copyOf(x.cells(), x.size()));
                rows = x.size();
            }
        }
        return new Reconstruction.Data(numeric, categorical, Math.max(rows, 0));
    }
}
