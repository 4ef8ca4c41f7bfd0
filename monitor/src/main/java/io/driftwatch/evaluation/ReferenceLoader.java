package io.driftwatch.evaluation;

import io.driftwatch.source.file.FileSourceConfig;

import io.driftwatch.config.FeatureSpec;
import io.driftwatch.config.ModelConfig;
import io.driftwatch.config.ReferenceConfig;
import io.driftwatch.config.SourceConfig;
import io.driftwatch.drift.ColumnSamples;
import io.driftwatch.drift.ReferenceProfile;
import io.driftwatch.drift.Sample;
import io.driftwatch.drift.Samples;
import io.driftwatch.drift.SegmentReferences;
import io.driftwatch.source.PredictionRecord;
import io.driftwatch.source.PredictionSource;
import io.driftwatch.source.SkipReason;
import io.driftwatch.source.WindowData;
import io.driftwatch.source.SourceException;
import io.driftwatch.source.TimeRange;
import io.driftwatch.source.file.JsonLinesSource;
import io.driftwatch.table.Table;
import io.driftwatch.table.TableFormatException;
import io.driftwatch.table.TableReader;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives each (model, version) its reference profile: from the store when it was fitted before, else
 * fitted now from the configured file or time range and stored, so it is fitted once per version.
 */
public final class ReferenceLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ReferenceLoader.class);

    private final ProfileStore store;
    private final Clock clock;
    private final long sketchAbove;
    private final int minSamples;

    /** Profiles kept decoded in memory (a backtest's; the daemon keeps none: hundreds of models' would not fit). */
    private final Map<String, ReferenceProfile> decoded;
    private final int keep;

    public ReferenceLoader(ProfileStore store, Clock clock, long sketchAbove, int minSamples) {
        this(store, clock, sketchAbove, minSamples, 0);
    }

    /** The same, keeping the last {@code keep} profiles decoded instead of reading them from the store each time. */
    public ReferenceLoader(ProfileStore store, Clock clock, long sketchAbove, int minSamples, int keep) {
        this.store = store;
        this.clock = clock;
        this.sketchAbove = sketchAbove;
        this.minSamples = minSamples;
        this.keep = keep;
        this.decoded = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ReferenceProfile> eldest) {
                return size() > ReferenceLoader.this.keep;
            }
        });
    }

    /**
     * The profile for a window ending at {@code windowTo}: a moving reference (rolling, seasonal) is
     * fitted once per slot of its {@code refresh} and keyed by the spans it covers.
     */
    ReferenceProfile profile(ModelConfig model, PredictionSource source, String version, TimeRange window)
            throws SQLException, ReferenceException {
        List<ReferenceConfig.Span> spans = spans(model, window);
        String fingerprint = fingerprint(model, spans)
                + model.segments().map(s -> "|segments:" + s.field()).orElse("");
        String key = model.name() + "\u0000" + version + "\u0000" + fingerprint;
        ReferenceProfile kept = keep > 0 ? decoded.get(key) : null;
        if (kept != null) {
            return kept;
        }
        Optional<ReferenceProfile> stored = store.find(model.name(), version, fingerprint);
        if (stored.isPresent()) {
            if (keep > 0) {
                decoded.put(key, stored.get());
            }
            return stored.get();
        }
        store.fingerprintOf(model.name(), version).ifPresent(old -> LOG.atInfo().addKeyValue("model", model.name())
                .log("reference of {} version {} changed (was {}, now {}): refitting", model.name(), version, old,
                        fingerprint));
        Map<String, io.driftwatch.drift.ColumnReference> columns = new HashMap<>();
        Usable usable = usable(model, source, spans);
        if (usable.rows() < minSamples) {
            throw new ReferenceException(usable.tooFew(model, minSamples), null);
        }
        List<PredictionRecord> records = usable.records();
        if (records == null) {
            columns.putAll(fit(samples(model)));
        } else {
            String prediction = model.prediction().map(FeatureSpec::name).orElse(null);
            columns.putAll(fit(RecordSamples.of(records, model.columns(), prediction)));
            model.segments().ifPresent(s -> columns.putAll(SegmentReferences.fit(RecordSamples.bySegment(records,
                    model.columns(), prediction, s.field(), SegmentReferences.KEPT, SegmentReferences.POOLED))));
        }
        ReferenceProfile p = new ReferenceProfile(model.name(), version, fingerprint, clock.instant(), columns);
        store.save(p);
        LOG.atInfo().addKeyValue("model", model.name()).addKeyValue("version", version)
                .log("fitted reference for {} version {} from {}", model.name(), version, fingerprint);
        if (keep > 0) {
            decoded.put(key, p);
        }
        return p;
    }

    private Map<String, io.driftwatch.drift.ColumnReference> fit(Map<String, Sample> samples) {
        Map<String, io.driftwatch.drift.ColumnReference> out = new HashMap<>();
        samples.forEach((name, s) -> out.put(name, ColumnSamples.fit(s, sketchAbove)));
        return out;
    }

    /**
     * The rows a reference offers: its records (null for a CSV reference, read as a table), how many rows
     * are usable, and the lines skipped by reason.
     */
    public record Usable(String where, List<PredictionRecord> records, long rows, Map<SkipReason, Long> skipped) {

        public String tooFew(ModelConfig model, int minSamples) {
            String reasons = skipped.isEmpty() ? "none skipped" : "skipped: " + skipped.entrySet().stream()
                    .map(e -> e.getKey().label() + " " + e.getValue()).collect(Collectors.joining(", "));
            return "the reference of " + model.name() + " (" + where + ") has " + rows + " usable row(s), fewer than "
                    + "drift.min_samples " + minSamples + " (" + reasons + ")";
        }
    }

    /** The spans of logs the model's reference covers for a window (empty for a file). */
    static List<ReferenceConfig.Span> spans(ModelConfig model, TimeRange window) {
        return model.reference().spans(window.to(), java.time.Duration.between(window.from(), window.to()));
    }

    /** The reference's fingerprint, with the spans of a moving one. */
    static String fingerprint(ModelConfig model, List<ReferenceConfig.Span> spans) {
        return model.reference().fingerprint() + (model.reference().moves() ? "@" + spans : "");
    }

    /** A file reference, or the fixed range of a range reference: what validation checks. */
    public static Usable usable(ModelConfig model, PredictionSource source) throws ReferenceException {
        return usable(model, source, model.reference().spans(Instant.EPOCH, java.time.Duration.ZERO));
    }

    /** Reads the reference (the file, or the spans of logs) and counts its usable rows: what fitting needs. */
    static Usable usable(ModelConfig model, PredictionSource source, List<ReferenceConfig.Span> spans)
            throws ReferenceException {
        try {
            if (!spans.isEmpty()) {
                return logs(source, spans);
            }
            ReferenceConfig.FileReference f = (ReferenceConfig.FileReference) model.reference();
            if (f.file().getFileName().toString().endsWith(".csv")) {
                Table t = TableReader.read(f.file());
                fromTable(model, t);
                return new Usable(f.file().toString(), null, t.rows(), Map.of());
            }
            FileSourceConfig fileSource = new FileSourceConfig(f.file().toString(),
                    model.source().fields(), model.source().modelValue());
            WindowData d = new JsonLinesSource(fileSource).readAll();
            return new Usable(f.file().toString(), d.records(), d.records().size(), d.skipped());
        } catch (SourceException | IOException | TableFormatException e) {
            throw new ReferenceException("cannot read the reference of " + model.name() + ": " + e.getMessage(), e);
        }
    }

    private static Usable logs(PredictionSource source, List<ReferenceConfig.Span> spans) throws SourceException {
        List<PredictionRecord> records = new java.util.ArrayList<>();
        Map<SkipReason, Long> skipped = new java.util.EnumMap<>(SkipReason.class);
        for (ReferenceConfig.Span span : spans) {
            WindowData d = source.read(new TimeRange(span.from(), span.to()));
            records.addAll(d.records());
            d.skipped().forEach((k, v) -> skipped.merge(k, v, Long::sum));
        }
        String where = "logs " + spans.stream().map(s -> "from " + s.from() + " to " + s.to())
                .collect(Collectors.joining(", "));
        return new Usable(where, records, records.size(), skipped);
    }

    /** A CSV reference's columns. */
    private static Map<String, Sample> samples(ModelConfig model) throws ReferenceException {
        ReferenceConfig.FileReference f = (ReferenceConfig.FileReference) model.reference();
        try {
            return fromTable(model, TableReader.read(f.file()));
        } catch (IOException | TableFormatException e) {
            throw new ReferenceException("cannot read the reference of " + model.name() + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Sample> fromTable(ModelConfig model, Table t) throws ReferenceException {
        Map<String, Sample> out = new HashMap<>();
        for (FeatureSpec s : model.columns()) {
            Table.Column c = t.column(s.field());
            if (c == null) {
                throw new ReferenceException("reference has no column '" + s.field() + "' for " + s.name(), null);
            }
            out.put(s.name(), s.type() == io.driftwatch.config.FeatureType.NUMERIC
                    ? Samples.numeric(c.numeric().numbers(), c.numeric().size()) : Samples.categorical(c.text().values()));
        }
        return out;
    }

    /** The reference could not be read or fitted. */
    public static final class ReferenceException extends Exception {
        private static final long serialVersionUID = 1L;

        ReferenceException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
