package io.driftwatch;

import io.driftwatch.config.FeatureSpec;
import io.driftwatch.config.ModelConfig;
import io.driftwatch.config.ReferenceConfig;
import io.driftwatch.config.SourceConfig;
import io.driftwatch.drift.ColumnSamples;
import io.driftwatch.drift.ReferenceProfile;
import io.driftwatch.drift.Sample;
import io.driftwatch.drift.Samples;
import io.driftwatch.source.PredictionSource;
import io.driftwatch.source.SourceException;
import io.driftwatch.source.TimeRange;
import io.driftwatch.source.file.JsonLinesSource;
import io.driftwatch.source.file.Table;
import io.driftwatch.source.file.TableFormatException;
import io.driftwatch.source.file.TableReader;
import io.driftwatch.store.ProfileStore;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives each (model, version) its reference profile: from the store when it was fitted before, else
 * fitted now from the configured file or time range and stored, so it is fitted once per version.
 */
final class ReferenceLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ReferenceLoader.class);

    private final ProfileStore store;
    private final Clock clock;
    private final long sketchAbove;

    ReferenceLoader(ProfileStore store, Clock clock, long sketchAbove) {
        this.store = store;
        this.clock = clock;
        this.sketchAbove = sketchAbove;
    }

    ReferenceProfile profile(ModelConfig model, PredictionSource source, String version)
            throws SQLException, ReferenceException {
        String fingerprint = model.reference().fingerprint();
        Optional<ReferenceProfile> stored = store.find(model.name(), version, fingerprint);
        if (stored.isPresent()) {
            return stored.get();
        }
        Map<String, Sample> samples = samples(model, source);
        ReferenceProfile p = new ReferenceProfile(model.name(), version, fingerprint, clock.instant(),
                fit(samples));
        store.save(p);
        LOG.atInfo().addKeyValue("model", model.name()).addKeyValue("version", version)
                .log("fitted reference for {} version {} from {}", model.name(), version, fingerprint);
        return p;
    }

    private Map<String, io.driftwatch.drift.ColumnReference> fit(Map<String, Sample> samples) {
        Map<String, io.driftwatch.drift.ColumnReference> out = new HashMap<>();
        samples.forEach((name, s) -> out.put(name, ColumnSamples.fit(s, sketchAbove)));
        return out;
    }

    static Map<String, Sample> samples(ModelConfig model, PredictionSource source) throws ReferenceException {
        String predictionName = model.prediction().map(FeatureSpec::name).orElse(null);
        try {
            if (model.reference() instanceof ReferenceConfig.RangeReference r) {
                return ColumnSamples.of(source.read(new TimeRange(r.from(), r.to())).records(), model.columns(),
                        predictionName);
            }
            ReferenceConfig.FileReference f = (ReferenceConfig.FileReference) model.reference();
            if (f.file().getFileName().toString().endsWith(".csv")) {
                return fromTable(model, TableReader.read(f.file()));
            }
            SourceConfig.FileSource fileSource = new SourceConfig.FileSource(f.file().toString(),
                    model.source().fields(), model.source().modelValue());
            return ColumnSamples.of(new JsonLinesSource(fileSource).readAll().records(), model.columns(),
                    predictionName);
        } catch (IOException | TableFormatException | SourceException e) {
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
            out.put(s.name(), Samples.of(c, s.type()));
        }
        return out;
    }

    /** The reference could not be read or fitted. */
    static final class ReferenceException extends Exception {
        private static final long serialVersionUID = 1L;

        ReferenceException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
