package io.driftwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.config.StoreConfig;
import io.driftwatch.store.Database;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alerts stored with an older fingerprint get Alertmanager's at start: one alert stays one alert. */
class FingerprintUpgradeTest {
    @TempDir
    Path dir;

    @Test
    void storedFingerprintsAreRewrittenOnceAndDeadLetterNoticesKept() throws Exception {
        try (Database db = Database.open(new StoreConfig("jdbc:h2:file:" + dir.resolve("db"), "sa", ""))) {
            AlertStore store = new AlertStore(db);
            Map<String, String> labels = Map.of("alertname", "XShift", "model", "m", "feature", "x");
            Instant t = Instant.parse("2026-11-30T10:00:00Z");
            db.inTransaction(c -> {
                store.insert(c, new Alert("0123456789abcdef", labels, Map.of(), AlertStatus.FIRING, t, null, 1.0, null));
                store.insert(c, new Alert("0123456789abcdef-7", labels, Map.of(), AlertStatus.FIRING, t, null, 1.0, null));
                return null;
            });
            assertThat(store.refingerprint()).isEqualTo(1);
            assertThat(store.firing()).extracting(Alert::fingerprint)
                    .containsExactlyInAnyOrder(Alert.fingerprint(labels), "0123456789abcdef-7");
            assertThat(store.refingerprint()).as("once").isZero();
        }
    }
}
