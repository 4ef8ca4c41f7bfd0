package io.driftwatch.source;

import io.driftwatch.source.file.FileSourceConfig;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.config.FieldMapping;
import io.driftwatch.config.SourceConfig;
import io.driftwatch.source.file.JsonLinesSource;
import io.driftwatch.support.Fixtures;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesSourceTest {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final TimeRange HOUR = new TimeRange(NOW.minusSeconds(3600), NOW);

    @TempDir
    Path dir;

    private JsonLinesSource source(String glob, FieldMapping fields) {
        return new JsonLinesSource(new FileSourceConfig(dir.resolve(glob).toString(), fields, "m"));
    }

    @Test
    void readsTheWindowFromCurrentAndRotatedFilesIncludingGzip() throws Exception {
        Fixtures.writeLines(dir.resolve("m.jsonl"), List.of(
                Fixtures.logLine(NOW.minusSeconds(10), 1.5, "a", "7"),
                Fixtures.logLine(NOW.minusSeconds(7200), 9, "old", "7")));
        Fixtures.writeLines(dir.resolve("m.jsonl.1"), List.of(Fixtures.logLine(NOW.minusSeconds(20), 2.5, "b", "7")));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("m.jsonl.2.gz")))) {
            out.write((Fixtures.logLine(NOW.minusSeconds(30), 3.5, "c", "6") + "\n").getBytes(StandardCharsets.UTF_8));
        }
        WindowData w = source("m.jsonl*", FieldMapping.defaults()).read(HOUR);
        assertThat(w.records()).extracting(r -> r.input().get("x")).containsExactlyInAnyOrder(1.5, 2.5, 3.5);
        assertThat(w.records()).extracting(PredictionRecord::version).containsExactlyInAnyOrder("7", "7", "6");
        assertThat(w.skipped()).isEmpty();
    }

    @Test
    void linesAcrossTheReadsBlocksAreReadWhole() throws Exception {
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 3000; i++) { // about 300 KB: lines cross the 64 KiB blocks it is read in
            lines.add(Fixtures.logLine(NOW.minusSeconds(1 + i % 3000), i, "c" + i % 7, "7"));
        }
        Fixtures.writeLines(dir.resolve("m.jsonl"), lines);
        WindowData w = source("m.jsonl", FieldMapping.defaults()).read(HOUR);
        assertThat(w.skipped()).isEmpty();
        assertThat(w.records()).extracting(r -> r.input().get("x"))
                .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 3000).mapToObj(i -> (Object) (double) i).toList());
    }

    @Test
    void aFileLastModifiedBeforeTheWindowStillGivesItsInWindowRecords() throws Exception {
        Path copied = dir.resolve("m.jsonl");
        Fixtures.writeLines(copied, List.of(Fixtures.logLine(NOW.minusSeconds(10), 1.5, "a", "7")));
        Files.setLastModifiedTime(copied, java.nio.file.attribute.FileTime.from(NOW.minusSeconds(86_400)));
        assertThat(source("m.jsonl*", FieldMapping.defaults()).read(new TimeRange(NOW.minusSeconds(60), NOW))
                .records()).hasSize(1);
    }

    @Test
    void appendedLinesAreReadOnceAndRotationTruncationAndPartialLinesAreHandled() throws Exception {
        Path log = dir.resolve("m.jsonl");
        Fixtures.writeLines(log, Fixtures.lines(100, 0, NOW.minusSeconds(100), 1));
        JsonLinesSource s = source("m.jsonl*", FieldMapping.defaults());
        assertThat(s.read(HOUR).records()).hasSize(100);
        Files.write(log, Fixtures.lines(50, 0, NOW.minusSeconds(50), 2), java.nio.file.StandardOpenOption.APPEND);
        String half = Fixtures.logLine(NOW.minusSeconds(1), 2.0, "b", "7");
        Files.writeString(log, half.substring(0, 20), java.nio.file.StandardOpenOption.APPEND);
        WindowData appended = s.read(HOUR);
        assertThat(appended.records()).as("the unfinished line waits for its newline").hasSize(150);
        assertThat(appended.skippedTotal()).isZero();
        Files.writeString(log, half.substring(20) + "\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(s.read(HOUR).records()).hasSize(151);

        Files.move(log, dir.resolve("m.jsonl.1")); // rotation: the renamed file keeps its state
        Fixtures.writeLines(log, Fixtures.lines(10, 0, NOW.minusSeconds(5), 3));
        assertThat(s.read(HOUR).records()).as("no record read twice after rotation").hasSize(161);

        Fixtures.writeLines(log, Fixtures.lines(3, 0, NOW.minusSeconds(2), 4)); // truncated and rewritten
        assertThat(s.read(HOUR).records()).hasSize(154);
    }

    /** A last line that never gets its newline is read once and kept bounded; an overlong line is skipped. */
    @Test
    void anEndlessLastLineIsReadOnceAndAnOverlongLineIsSkippedAndCounted() throws Exception {
        Path log = dir.resolve("m.jsonl");
        Fixtures.writeLines(log, Fixtures.lines(10, 0, NOW.minusSeconds(100), 1));
        JsonLinesSource s = source("m.jsonl", FieldMapping.defaults());
        assertThat(s.read(HOUR).records()).hasSize(10);
        byte[] chunk = "x".repeat(512 * 1024).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 6; i++) { // 3 MiB of a line still being written
            Files.write(log, chunk, java.nio.file.StandardOpenOption.APPEND);
            WindowData w = s.read(HOUR);
            assertThat(w.records()).hasSize(10);
            assertThat(w.skippedTotal()).isZero();
        }
        Files.writeString(log, "\n" + Fixtures.logLine(NOW.minusSeconds(3), 1.0, "a", "7") + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        WindowData done = s.read(HOUR);
        assertThat(done.skipped()).containsExactly(java.util.Map.entry(SkipReason.LINE_TOO_LONG, 1L));
        assertThat(done.records()).as("the line after it is read").hasSize(11);
    }

    /** Records far after the window are skipped, not kept in memory until their time comes. */
    @Test
    void recordsFarInTheFutureAreSkippedNotKept() throws Exception {
        Path log = dir.resolve("m.jsonl");
        Fixtures.writeLines(log, List.of(Fixtures.logLine(NOW.minusSeconds(5), 1, "a", "7"),
                Fixtures.logLine(NOW.plusSeconds(3600), 2, "a", "7"), Fixtures.logLine(NOW.plusSeconds(3 * 86_400), 3, "a", "7")));
        JsonLinesSource s = source("m.jsonl", FieldMapping.defaults());
        WindowData now = s.read(HOUR);
        assertThat(now.records()).hasSize(1);
        assertThat(now.skipped()).containsExactly(java.util.Map.entry(SkipReason.BAD_TIMESTAMP, 1L));
        assertThat(s.read(new TimeRange(NOW, NOW.plusSeconds(7200))).records()).as("an hour ahead waits for its window")
                .hasSize(1);
    }

    /** A named file replaced by a directory is the source down, not an empty directory. */
    @Test
    void aNamedFileReplacedByADirectoryIsUnavailable() throws Exception {
        Path log = dir.resolve("m.jsonl");
        Fixtures.writeLines(log, Fixtures.lines(10, 0, NOW.minusSeconds(100), 1));
        JsonLinesSource s = source("m.jsonl", FieldMapping.defaults());
        assertThat(s.read(HOUR).records()).hasSize(10);
        Files.delete(log);
        Files.createDirectory(log);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.read(HOUR)).isInstanceOf(SourceException.class)
                .hasMessageContaining("is no longer a file (now a directory)");
    }

    @Test
    void aRangeBeforeWhatWasDroppedIsScannedAgain() throws Exception {
        Fixtures.writeLines(dir.resolve("m.jsonl"), Fixtures.lines(100, 0, NOW.minusSeconds(7200), 1));
        JsonLinesSource s = source("m.jsonl*", FieldMapping.defaults());
        assertThat(s.read(HOUR).records()).as("all two hours old").isEmpty();
        TimeRange past = new TimeRange(NOW.minusSeconds(3 * 3600), NOW.minusSeconds(3600));
        assertThat(s.read(past).records()).as("a reference range in the past").hasSize(100);
    }

    @Test
    void badLinesAreSkippedAndCountedByReasonOnce() throws Exception {
        String ok = Fixtures.logLine(NOW.minusSeconds(5), 1, "a", "7");
        Fixtures.writeLines(dir.resolve("m.jsonl"), List.of(ok,
                "{\"@timestamp\": \"2026-11-28T11:59:00Z\", \"input\": {\"x\": 1",
                "[1, 2]",
                "{\"input\": {\"x\": 1}}",
                "{\"@timestamp\": \"yesterday\", \"input\": {}}",
                "{\"@timestamp\": \"2026-11-28T11:59:00Z\"}",
                "{\"@timestamp\": \"2026-11-28T11:59:00Z\", \"input\": 3}",
                "{\"@timestamp\": \"2026-11-28T11:59:00Z\", \"input\": {}, \"latency_ms\": \"slow\"}",
                "", ok));
        JsonLinesSource s = source("m.jsonl", FieldMapping.defaults());
        WindowData w = s.read(HOUR);
        assertThat(w.records()).hasSize(2);
        assertThat(w.skipped()).containsOnly(
                java.util.Map.entry(SkipReason.MALFORMED_JSON, 1L), java.util.Map.entry(SkipReason.NOT_AN_OBJECT, 1L),
                java.util.Map.entry(SkipReason.MISSING_TIMESTAMP, 1L), java.util.Map.entry(SkipReason.BAD_TIMESTAMP, 1L),
                java.util.Map.entry(SkipReason.MISSING_INPUT, 1L), java.util.Map.entry(SkipReason.INPUT_NOT_AN_OBJECT, 1L),
                java.util.Map.entry(SkipReason.BAD_FIELD_TYPE, 1L));
        assertThat(s.read(HOUR).skippedTotal()).as("the same lines are not counted again").isZero();
        Files.writeString(dir.resolve("m.jsonl"), "not json\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(s.read(HOUR).skipped()).containsOnly(java.util.Map.entry(SkipReason.MALFORMED_JSON, 1L));
    }

    @Test
    void fieldNamesAreConfigurableAndOtherModelsIgnored() throws Exception {
        Fixtures.writeLines(dir.resolve("app.log"), List.of(
                "{\"ts\": " + NOW.minusSeconds(5).toEpochMilli() + ", \"svc\": \"m\", \"features\": {\"x\": 4}, \"y\": 0.7}",
                "{\"ts\": " + NOW.minusSeconds(5).toEpochMilli() + ", \"svc\": \"other\", \"features\": {\"x\": 5}, \"y\": 0.1}"));
        FieldMapping f = new FieldMapping("ts", "svc", "v", "features", "y", "label", "latency", "rid");
        WindowData w = source("app.log", f).read(HOUR);
        assertThat(w.records()).singleElement().satisfies(r -> {
            assertThat(r.input()).containsEntry("x", 4.0);
            assertThat(r.prediction()).isEqualTo(0.7);
            assertThat(r.timestamp()).isEqualTo(NOW.minusSeconds(5));
        });
    }
}
