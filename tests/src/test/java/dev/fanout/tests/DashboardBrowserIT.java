package dev.fanout.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fanout.deployment.DeploymentSettings;
import dev.fanout.deployment.PipelineFunction;
import dev.fanout.tests.dashboard.Chromium;
import dev.fanout.tests.dashboard.GatedCountJob;
import dev.fanout.tests.support.LocalPipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The local dashboard ({@code GET /} of the jobs API) in a real browser, Debian's headless Chromium: a job whose
 * chunks wait until the test releases them, so the page can be watched while they run. Skipped where Chromium is
 * not installed.
 */
class DashboardBrowserIT {
    private static final Duration PAGE_WAIT = Duration.ofMinutes(1);
    private static final int CHUNKS = 100;
    private static final int WORKERS = 50;
    private static final int RELEASED_FIRST = 24;
    /** Where the screenshot of the page with a job in progress goes (docs/dashboard.png is one). */
    private static final int WIDTH = 1280;
    static final Path SCREENSHOT = Path.of("target", "dashboard", "dashboard.png");

    /**
     * The stack's own timing, scaled as every end-to-end test scales it (worker timeout 300 s × 0.05 = 15 s): a held
     * chunk waits at most 60 % of that, well within the timeout on a loaded machine. A chunk that fails as bad data
     * is dead-lettered by its worker at once, not after a visibility timeout. At most 50 workers (so 50 chunks in
     * flight, the Map's concurrency): while the held ones run, the last chunks wait, pending.
     */
    @RegisterExtension
    static final LocalPipeline pipeline = new LocalPipeline(DeploymentSettings.defaults().withWorkerBatchSize(1)
            .withWorkerMaxConcurrency(WORKERS));

    @TempDir
    Path work;
    private ChromeDriver browser;
    private Path gate;

    @BeforeEach
    void openBrowser() throws IOException {
        browser = Chromium.start(work, WIDTH, 1400);
        gate = Files.createDirectories(work.resolve("gate"));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void showsARunningJobsChunksTurningToDone_itsFailedChunkWithErrorAndCause_andItsDeadLetteredMessage()
            throws IOException {
        for (int i = 0; i < RELEASED_FIRST; i++) {
            release(Integer.toString(i));   // the first chunks run at once; the others wait
        }
        String jobId = pipeline.submit(request(CHUNKS, 3, 10));
        browser.get(pipeline.runtime().dashboard().toString());

        // in progress: the released chunks are done (chunk 3 failed), later ones wait
        List<String> early = await().atMost(PAGE_WAIT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(this::cellStates, s -> s.size() == CHUNKS && s.subList(0, RELEASED_FIRST).stream()
                        .allMatch(x -> x.equals("succeeded") || x.equals("failed")));
        assertThat(early.get(3)).isEqualTo("failed");
        assertThat(early.subList(0, RELEASED_FIRST)).filteredOn("succeeded"::equals).hasSize(RELEASED_FIRST - 1);
        assertThat(early.subList(RELEASED_FIRST, CHUNKS)).contains("pending").doesNotContain("failed");
        assertThat(text("#jobs tr[data-job-id='" + jobId + "'] .badge")).isEqualTo("RUNNING");
        assertThat(text("#job-id")).isEqualTo(jobId);
        String failure = await().atMost(PAGE_WAIT).ignoreExceptions()
                .until(() -> text("#failures tr[data-chunk='3']"), t -> !t.isEmpty());
        assertThat(failure).contains("dev.fanout.core.error.MalformedRecordException")
                .contains("chunk 3 of " + CHUNKS).contains(GatedCountJob.REFUSAL);
        // the failed chunk's message, in the dead-letter queue while the job still runs: its worker moved it there
        String deadLetter = await().atMost(PAGE_WAIT).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> text("#dlq tbody"), t -> t.contains(jobId));
        assertThat(deadLetter).contains("3 of " + CHUNKS);
        assertThat(text("#jobs tr[data-job-id='" + jobId + "'] .badge")).isEqualTo("RUNNING");
        saveScreenshot();

        // released: every other chunk turns to done, the job succeeds within its tolerance
        release("all");
        List<String> end = await().atMost(PAGE_WAIT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(this::cellStates, s -> s.stream().filter("succeeded"::equals).count() == CHUNKS - 1);
        assertThat(end.get(3)).isEqualTo("failed");
        await().atMost(PAGE_WAIT).ignoreExceptions().until(() -> text("#job-status"), "SUCCEEDED"::equals);
        WebElement result = await().atMost(PAGE_WAIT).ignoreExceptions()
                .until(() -> browser.findElement(By.id("link-result")), WebElement::isDisplayed);
        assertThat(pipeline.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(result.getAttribute("href"))).build()).body().path("items").asLong())
                .isEqualTo(CHUNKS - 1);
        assertThat(browser.findElement(By.id("link-summary")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("redrive")).isDisplayed()).isFalse();
    }

    @Test
    void offersARedriveForAFailedJob_andRedrivesIt() throws IOException {
        release("all");
        String jobId = pipeline.submit(request(4, 1, 0));
        String error = pipeline.awaitEnd(jobId).path("error").asText();
        browser.get(pipeline.runtime().dashboard() + "#job=" + jobId);

        WebElement redrive = await().atMost(PAGE_WAIT).ignoreExceptions()
                .until(() -> browser.findElement(By.id("redrive")), WebElement::isDisplayed);
        assertThat(text("#job-status")).isEqualTo("FAILED");
        assertThat(text("#job-error-name")).isEqualTo(error);
        redrive.click();

        await().atMost(PAGE_WAIT).ignoreExceptions()
                .until(() -> text("#redrive-message"), t -> t.startsWith("Redrive of " + jobId + " started"));
        assertThat(pipeline.runtime().stepFunctions()
                .describeExecution(pipeline.runtime().executionArn(jobId)).redriveCount()).isEqualTo(1);
    }

    /** A gated-count job over {@code chunks} one-element chunks; {@code failChunk} fails as bad data. */
    private String request(int chunks, int failChunk, int toleratedPercent) {
        String items = IntStream.range(0, chunks).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));
        return "{\"jobType\":\"" + GatedCountJob.NAME + "\",\"input\":{\"items\":" + items + "},\"chunkSizeItems\":1,"
                + "\"toleratedFailurePercentage\":" + toleratedPercent + ",\"options\":{\"gate\":\""
                + gate.toAbsolutePath().toString().replace("\\", "\\\\") + "\",\"hold-millis\":\"" + holdMillis()
                + "\",\"fail-chunk\":\"" + failChunk + "\"}}";
    }

    /** How long a chunk waits for its release at most: well within the worker's timeout, as the runtime scales it. */
    private static long holdMillis() {
        return pipeline.runtime().functionConfig(PipelineFunction.WORKER).timeout().toMillis() * 6 / 10;
    }

    private void release(String name) throws IOException {
        Files.createFile(gate.resolve(name));
    }

    /** The grid's cells' states, in chunk order. */
    private List<String> cellStates() {
        Object states = browser.executeScript(
                "return Array.from(document.querySelectorAll('#grid .cell'), c => c.dataset.state || '').join(',');");
        String joined = String.valueOf(states);
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(",", -1));
    }

    /** The visible text of the first element matching {@code css}, or "" when there is none. */
    private String text(String css) {
        Object text = browser.executeScript("const e = document.querySelector(arguments[0]);"
                + " return e ? e.innerText.trim() : '';", css);
        return String.valueOf(text);
    }

    /** The whole page, as tall as its content (Chrome DevTools' Page.captureScreenshot beyond the viewport). */
    private void saveScreenshot() throws IOException {
        long height = ((Number) browser.executeScript("return Math.ceil(document.querySelector('main')"
                + ".getBoundingClientRect().bottom + window.scrollY);")).longValue();
        Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", WIDTH, "height", height, "scale", 1)));
        byte[] png = Base64.getDecoder().decode((String) shot.get("data"));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        Files.createDirectories(SCREENSHOT.getParent());
        Files.write(SCREENSHOT, png);
    }
}
