package dev.fanout.tests.dashboard;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium, driven through its own chromedriver by path, so that Selenium Manager downloads
 * nothing. {@code FANOUT_CHROMIUM} and {@code FANOUT_CHROMEDRIVER} name other executables (e.g. on a Mac).
 *
 * <pre>{@code
 * ChromeDriver driver = Chromium.start(tempDir);   // skips the test where Chromium is missing
 * }</pre>
 */
public final class Chromium {
    static final Path DEFAULT_BROWSER = Path.of("/usr/bin/chromium");
    static final Path DEFAULT_DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {
    }

    /**
     * A new headless browser with a fresh profile under {@code workDir}, its driver's log in
     * {@code workDir/chromedriver.log}; the calling test is skipped (an assumption) when either executable is
     * missing.
     */
    public static ChromeDriver start(Path workDir, int width, int height) {
        Path browser = executable("FANOUT_CHROMIUM", DEFAULT_BROWSER);
        Path driver = executable("FANOUT_CHROMEDRIVER", DEFAULT_DRIVER);
        Assumptions.assumeTrue(Files.isExecutable(browser) && Files.isExecutable(driver),
                "the dashboard's browser test needs Chromium and its driver: " + browser + " and " + driver
                        + " (Debian: apt-get install chromium chromium-driver; or set FANOUT_CHROMIUM and "
                        + "FANOUT_CHROMEDRIVER)");
        try {
            Path profile = Files.createDirectories(workDir.resolve("chromium-profile"));
            ChromeOptions options = new ChromeOptions();
            options.setBinary(browser.toFile());
            // flags that keep Chromium from reaching the network on its own
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
                    "--force-device-scale-factor=1", "--lang=en-US");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(driver.toFile())
                    .withLogFile(new File(workDir.toFile(), "chromedriver.log"))
                    .withTimeout(Duration.ofSeconds(60))
                    .build();
            return new ChromeDriver(service, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path executable(String variable, Path fallback) {
        return Optional.ofNullable(System.getenv(variable)).filter(v -> !v.isBlank()).map(Path::of).orElse(fallback);
    }
}
