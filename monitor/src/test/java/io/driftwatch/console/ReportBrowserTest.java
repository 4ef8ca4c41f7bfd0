package io.driftwatch.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.support.Browser;
import io.driftwatch.support.Console;
import io.driftwatch.support.Fixtures;
import io.driftwatch.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/**
 * {@code driftwatch drift --format html}: one self-contained file (no link or script from anywhere),
 * opened from {@code file://} in headless Chromium with no network: no console error, charts drawn, and
 * the feature table shows the numbers {@code --format json} gives for the same files.
 */
class ReportBrowserTest {
    @TempDir
    Path dir;

    private Path csv(String name, int rows, double shift, long seed) {
        Random r = new Random(seed);
        List<String> lines = new ArrayList<>(List.of("num,shifted,cat"));
        String[] cats = {"a", "b", "c", "d"};
        for (int i = 0; i < rows; i++) {
            lines.add(r.nextGaussian() + "," + (r.nextGaussian() + shift) + ","
                    + (shift > 0 && i % 10 == 0 ? "new" : cats[r.nextInt(4)]));
        }
        Path p = dir.resolve(name);
        Fixtures.writeLines(p, lines);
        return p;
    }

    @Test
    void theReportOpensFromDiskAndShowsWhatJsonSays() throws Exception {
        Path ref = csv("ref.csv", 3000, 0, 1);
        Path cur = csv("cur.csv", 2000, 0.5, 2);
        Path html = dir.resolve("report.html");
        Console made = Console.run("drift", "--reference", ref.toString(), "--current", cur.toString(), "--format", "html",
                "--output", html.toString());
        assertThat(made.status()).as(made.err()).isZero();
        String page = Files.readString(html);
        assertThat(page).doesNotContainPattern("(src|href)=\"(https?:|/)");
        Console json = Console.run("drift", "--reference", ref.toString(), "--current", cur.toString(), "--format", "json");
        JsonNode report = Json.MAPPER.readTree(json.out());
        try (Browser b = Browser.open(1280, 900)) {
            b.load(html.toUri().toString());
            assertThat(b.errors()).isEmpty();
            assertThat(b.driver().findElement(By.cssSelector("h1 .badge")).getText()).isEqualTo("drift");
            assertThat(b.drawnCanvases()).as("charts of the drifted columns, drawn at once").isGreaterThanOrEqualTo(3);
            for (JsonNode column : report.get("columns")) {
                for (JsonNode t : column.get("tests")) {
                    WebElement row = b.driver().findElement(By.xpath("//tr[td[1]/a[text()='" + column.get("name").asString()
                            + "'] and td[4][text()='" + t.get("test").asString() + "']]"));
                    WebElement cell = row.findElements(By.tagName("td")).get(4);
                    assertThat(Double.parseDouble(cell.getText())).as("shown to 4 significant digits")
                            .isCloseTo(t.get("statistic").asDouble(), org.assertj.core.data.Percentage.withPercentage(0.05));
                    assertThat(Double.parseDouble(cell.getAttribute("data-sort"))).as("sorted by the exact value")
                            .isEqualTo(t.get("statistic").asDouble());
                }
            }
            WebElement newShare = b.driver().findElement(By.xpath("//h2[text()='Data quality']/following-sibling::div[1]"
                    + "//tr[td[1][text()='cat']]/td[5]"));
            assertThat(Double.parseDouble(newShare.getAttribute("data-sort"))).as("the new-category share JSON gives")
                    .isEqualTo(report.get("data_quality").get("features").get("cat").get("new_category_share").asDouble());
            WebElement closed = b.driver().findElement(By.xpath("//details[not(@open)]/summary"));
            long before = b.drawnCanvases();
            closed.click();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> b.drawnCanvases() > before);
            assertThat(b.errors()).isEmpty();
            b.screenshot("report");
        }
    }

    /** {@code driftwatch backtest --format html}: the page shows what the JSON says, from disk, with no error. */
    @Test
    void theBacktestPageShowsTheRulesDaysAndVerdicts() throws Exception {
        Path config = Fixtures.config(dir, "1h", "alerts.jsonl");
        java.time.Instant start = java.time.Instant.parse("2026-11-01T00:00:00Z");
        Fixtures.writeLines(dir.resolve("reference/m.jsonl"), Fixtures.lines(2000, 0, start, 1));
        Random r = new Random(3);
        List<String> logs = new ArrayList<>();
        for (int i = 0; i < 2 * 24 * 360; i++) { // a record every 10 s for two days, x shifted from 20:00 to 26:00
            long hour = i / 360;
            logs.add(Fixtures.logLine(start.plusSeconds(10L * i), r.nextGaussian() + (hour >= 20 && hour < 26 ? 2 : 0),
                    new String[] {"a", "b", "c"}[r.nextInt(3)], "7"));
        }
        Fixtures.writeLines(dir.resolve("logs/m.jsonl"), logs);
        String[] args = {"backtest", "--config", config.toString(), "--from", "2026-11-01T00:00:00Z", "--to",
            "2026-11-03T00:00:00Z"};
        Path html = dir.resolve("backtest.html");
        List<String> withHtml = new ArrayList<>(List.of(args));
        withHtml.addAll(List.of("--format", "html", "--output", html.toString()));
        assertThat(Console.run(withHtml.toArray(String[]::new)).status()).isZero();
        List<String> withJson = new ArrayList<>(List.of(args));
        withJson.addAll(List.of("--format", "json"));
        JsonNode json = Json.MAPPER.readTree(Console.run(withJson.toArray(String[]::new)).out());
        assertThat(Files.readString(html)).doesNotContainPattern("(src|href)=\"(https?:|/)");
        try (Browser b = Browser.open(1280, 900)) {
            b.load(html.toUri().toString());
            assertThat(b.errors()).isEmpty();
            assertThat(b.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Backtest of m");
            assertThat(b.drawnCanvases()).isGreaterThanOrEqualTo(1);
            json.get("verdicts").properties().forEach(e -> assertThat(b.driver().findElement(
                    By.cssSelector("[data-verdict='" + e.getKey() + "'] .value")).getText()).isEqualTo(e.getValue().asString()));
            WebElement rule = b.driver().findElement(By.xpath("//tr[td[1][text()='XShift']]"));
            assertThat(rule.findElements(By.tagName("td")).get(1).getText())
                    .isEqualTo(json.get("rules").get("XShift").get("fired").asString());
            WebElement day = b.driver().findElement(By.xpath("//tr[td[1][text()='2026-11-01']]"));
            assertThat(day.findElements(By.tagName("td")).get(1).getText())
                    .isEqualTo(json.get("alerts_per_day").get("2026-11-01").asString());
            b.screenshot("backtest");
        }
    }
}
