package io.driftwatch.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.action.ActionFixture;
import io.driftwatch.app.Configuration;
import io.driftwatch.app.ConfigurationLoader;
import io.driftwatch.app.Driftwatch;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.support.Browser;
import io.driftwatch.support.Fixtures;
import io.driftwatch.util.Json;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/**
 * The console in headless Chromium against a real daemon whose store holds known evaluations, a firing
 * alert and an action waiting for approval: every page loads without a console error and draws its
 * charts, the feature table shows the API's numbers, sorting and navigation work (mouse and keyboard),
 * and silences and approvals work with the token and are refused without it.
 */
@EnableKubernetesMockClient(crud = true)
class ConsoleBrowserTest {
    private static final String TOKEN = "t0k3n";
    KubernetesClient client;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void clear() {
        ActionFixture.clearClientProperties();
    }

    private JsonNode api(String base, String path) throws Exception {
        return Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private Driftwatch daemon() throws Exception {
        Path config = ActionFixture.approveModeDaemon(client, dir, TOKEN);
        Instant now = Instant.now();
        Fixtures.writeLines(dir.resolve("reference/m.jsonl"), Fixtures.lines(2000, 0, now.minusSeconds(86_400), 1));
        List<String> logs = new ArrayList<>(Fixtures.lines(1000, 1.0, now, 2));
        logs.add(Fixtures.logLine(now, 0.5, "brand-new", "7"));
        Fixtures.writeLines(dir.resolve("logs/m.jsonl"), logs);
        Configuration c = new ConfigurationLoader(TestRegistry.standard()).load(config);
        Driftwatch d = Driftwatch.start(c, new PrintStream(PrintStream.nullOutputStream()), Clock.systemUTC());
        await().atMost(Duration.ofSeconds(30)).until(() -> api(d.baseUrl(), "/api/v1/actions").findValuesAsString("state")
                .contains("pending_approval"));
        d.evaluateNow("m");
        d.evaluateNow("m");
        return d;
    }

    @Test
    void everyPageLoadsDrawsAndActsThroughTheApi() throws Exception {
        try (Driftwatch d = daemon(); Browser b = Browser.open(1280, 900)) {
            String base = d.baseUrl();
            b.load(base + "/");
            assertThat(b.errors()).isEmpty();
            assertThat(b.driver().findElement(By.cssSelector("td .badge")).getText()).isEqualTo("drift");
            assertThat(b.drawnCanvases()).as("the drift history sparkline").isGreaterThanOrEqualTo(1);
            b.screenshot("models");

            b.driver().findElement(By.linkText("m")).click();
            b.load(b.driver().getCurrentUrl());
            assertThat(b.driver().getCurrentUrl()).isEqualTo(base + "/models/m");
            assertThat(b.errors()).isEmpty();
            assertThat(b.drawnCanvases()).as("timeline").isGreaterThanOrEqualTo(1);
            featureTableShowsTheApisNumbers(b, api(base, "/api/v1/models/m/evaluations?limit=1").get(0));
            sortingWorksWithTheKeyboard(b);
            b.screenshot("model");

            b.driver().findElement(By.linkText("x")).click();
            b.load(b.driver().getCurrentUrl());
            assertThat(b.driver().getCurrentUrl()).isEqualTo(base + "/models/m/features/x");
            assertThat(b.errors()).isEmpty();
            assertThat(b.drawnCanvases()).as("histogram, ECDFs, statistics over time").isGreaterThanOrEqualTo(3);
            assertThat(b.driver().findElement(By.cssSelector("[aria-label*='KS D']")).getAttribute("aria-label"))
                    .contains("KS D " + String.format(java.util.Locale.ROOT, "%.4f", api(base,
                            "/api/v1/models/m/distributions").get("distributions").get("x").get("ks").get("d").asDouble())
                            .replaceAll("\\.?0+$", ""));
            b.screenshot("feature");

            b.load(base + "/models/m/features/c");
            assertThat(b.errors()).isEmpty();
            assertThat(b.drawnCanvases()).isGreaterThanOrEqualTo(2);
            assertThat(b.driver().findElement(By.cssSelector("[aria-label*='category shares']")).getAttribute("aria-label"))
                    .contains("brand-new (new)");
            b.screenshot("feature-categorical");

            b.driver().manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            for (String page : List.of("/", "/models/m", "/models/m/features/x", "/alerts", "/actions")) {
                b.load(base + page);
                assertThat((Boolean) b.script("return document.documentElement.scrollWidth <= window.innerWidth + 1"))
                        .as("%s fits a phone's width (wide tables scroll inside their box)", page).isTrue();
                b.screenshot("phone" + page.replace('/', '-').replaceAll("-$", "-models"));
            }
            b.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));

            silencesNeedTheToken(b, base);
            approvalNeedsTheToken(b, base);
            assertThat(b.driver().getPageSource()).doesNotContain(TOKEN);
        }
    }

    private static void featureTableShowsTheApisNumbers(Browser b, JsonNode evaluation) {
        for (JsonNode column : evaluation.get("report").get("columns")) {
            for (JsonNode t : column.get("tests")) {
                WebElement row = b.driver().findElement(By.xpath("//tr[td[1]//a[text()='" + column.get("name").asString()
                        + "'] and td[4][text()='" + t.get("test").asString() + "']]"));
                double shown = Double.parseDouble(row.findElements(By.tagName("td")).get(4).getText());
                assertThat(shown).as("%s %s statistic", column.get("name").asString(), t.get("test").asString())
                        .isCloseTo(t.get("statistic").asDouble(), org.assertj.core.data.Percentage.withPercentage(0.05));
            }
        }
        List<WebElement> statuses = b.driver().findElements(By.cssSelector("tbody tr td:nth-child(3) .badge"));
        assertThat(statuses.get(0).getText()).as("drifted features first").isEqualTo("drift");
    }

    private static void sortingWorksWithTheKeyboard(Browser b) {
        WebElement header = b.driver().findElement(By.xpath("//th[text()='statistic']"));
        header.sendKeys(Keys.ENTER);
        List<Double> values = b.driver().findElements(By.xpath("//table[.//th[text()='statistic']]/tbody/tr/td[5]")).stream()
                .map(WebElement::getText).filter(s -> !s.equals("–")).map(Double::parseDouble).toList();
        assertThat(values).isSorted();
        assertThat(header.getAttribute("aria-sort")).isEqualTo("ascending");
        header.sendKeys(Keys.ENTER);
        assertThat(header.getAttribute("aria-sort")).isEqualTo("descending");
    }

    private static void silencesNeedTheToken(Browser b, String base) throws Exception {
        b.load(base + "/alerts");
        assertThat(b.errors()).isEmpty();
        assertThat(b.driver().findElements(By.xpath("//h2[text()='Firing now']/following-sibling::div[1]//tbody/tr")))
                .isNotEmpty();
        b.driver().findElement(By.id("silence-matchers")).sendKeys("model=\"m\"");
        b.driver().findElement(By.id("silence-by")).sendKeys("ana");
        b.driver().findElement(By.id("silence-comment")).sendKeys("investigating");
        b.driver().findElement(By.cssSelector("#silence-form button")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> b.driver().findElement(By.id("messages")).getText()
                .contains("Not created: 401"));
        b.errors(); // the refused request is logged by the browser
        b.driver().findElement(By.id("token")).sendKeys(TOKEN, Keys.TAB);
        b.driver().findElement(By.cssSelector("#silence-form button")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> b.driver().findElements(By.cssSelector("[data-silence]")).size() == 1);
        b.load(b.driver().getCurrentUrl());
        b.screenshot("alerts");
        b.driver().findElement(By.cssSelector("[data-silence]")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> b.driver().findElements(By.cssSelector("[data-silence]")).isEmpty());
        assertThat(b.errors()).isEmpty();
    }

    private void approvalNeedsTheToken(Browser b, String base) throws Exception {
        b.load(base + "/actions");
        assertThat(b.errors()).isEmpty();
        b.script("sessionStorage.removeItem('dw-token')");
        b.load(base + "/actions");
        WebElement approve = b.driver().findElement(By.cssSelector("[data-approve]"));
        b.driver().findElement(By.id("approver")).sendKeys("ana");
        approve.click();
        await().atMost(Duration.ofSeconds(10)).until(() -> b.driver().findElement(By.id("messages")).getText()
                .contains("Not approved: 401"));
        b.errors();
        b.driver().findElement(By.id("token")).sendKeys(TOKEN, Keys.TAB);
        b.driver().findElement(By.cssSelector("[data-approve]")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> api(base, "/api/v1/actions").get(0).get("approved_by")
                .asString().equals("ana"));
        b.screenshot("actions");
    }
}
