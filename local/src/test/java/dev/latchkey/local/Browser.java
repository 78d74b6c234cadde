package dev.latchkey.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Debian's chromedriver, both at fixed paths: Selenium Manager never runs
 * (the driver's path is given explicitly), so nothing is downloaded. Missing browser or driver fails the test
 * with what to install; it is never skipped. One per test class: starting Chromium takes a second or two.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("latchkey.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("latchkey.chromedriver", "/usr/bin/chromedriver"));
    /** The flags this machine needs (no sandbox as root, no GPU) and nothing that calls home. */
    static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();

    final ChromeDriver driver;
    final WebDriverWait wait;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    static Browser start() {
        for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(binary)) {
                throw new AssertionError(binary + " is missing: the console's browser tests need Debian's chromium and "
                        + "chromium-driver (apt-get install chromium chromium-driver; ./latchkey test installs them)");
            }
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path profile;
        try {
            profile = Files.createTempDirectory("latchkey-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(FLAGS);
        options.addArguments("--user-data-dir=" + profile, "--window-size=1200,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new Browser(new ChromeDriver(service, options), profile);
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    WebElement visible(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    void type(String css, String text) {
        WebElement input = visible(css);
        input.clear();
        input.sendKeys(text);
    }

    void click(String css) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    /** Waits until the page's path is {@code path} (the dev server's clean URL); then every field must have a label. */
    void waitForPath(String path) {
        wait.until(d -> java.net.URI.create(d.getCurrentUrl()).getPath().equals(path)
                && "complete".equals(script("return document.readyState")));
        assertEveryFieldLabelled();
    }

    /** Every input, select and textarea of the page (hidden ones too) has a label. */
    void assertEveryFieldLabelled() {
        Object unlabelled = script("return [...document.querySelectorAll('input, select, textarea')]"
                + ".filter(e => e.type !== 'hidden' && e.labels.length === 0).map(e => e.id || e.name || e.outerHTML)");
        if (!(unlabelled instanceof List<?> list) || !list.isEmpty()) {
            throw new AssertionError(driver.getCurrentUrl() + ": fields without a label: " + unlabelled);
        }
    }

    /** Presses Tab until the element {@code css} has the focus (at most 30 times), as a keyboard user would. */
    void tabTo(String css) {
        WebElement target = find(css);
        for (int i = 0; i < 30; i++) {
            if (driver.switchTo().activeElement().equals(target)) {
                return;
            }
            new org.openqa.selenium.interactions.Actions(driver).sendKeys(org.openqa.selenium.Keys.TAB).perform();
        }
        throw new AssertionError("Tab never reached " + css);
    }

    /** Types into whatever has the focus. */
    void keys(CharSequence... keys) {
        new org.openqa.selenium.interactions.Actions(driver).sendKeys(keys).perform();
    }

    void waitForText(String css, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    Object script(String javascript, Object... arguments) {
        return driver.executeScript(javascript, arguments);
    }

    /** Saves a screenshot as target/screenshots/{name}.png (under the module's directory). */
    Path screenshot(String name) {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The console's messages since the last call (errors, CSP violations, failed loads). */
    List<String> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(entry -> entry.getLevel() + " " + entry.getMessage()).toList();
    }

    /** Every URL the page asked the network for since the last call (Chrome's performance log). */
    List<String> requestedUrls() {
        List<String> urls = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE).getAll()) {
            try {
                JsonNode message = JSON.readTree(entry.getMessage()).path("message");
                if (message.path("method").asText().equals("Network.requestWillBeSent")) {
                    urls.add(message.at("/params/request/url").asText());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return urls;
    }

    /**
     * Before a test: on the console's sign-in page at {@code base} (away from Chromium's own start page, whose requests
     * are not the console's), with no session, flash or waiting invitation from another test, and the logs read.
     */
    void reset(String base) {
        open(base + "/sign-in");
        script("sessionStorage.clear()");
        consoleMessages();
        requestedUrls();
    }

    /**
     * After a test: no CSP violation and no error in the console but the API's own 4xx answers (Chrome logs each as a
     * failed load; the journeys provoke some on purpose); returns the URLs requested since the last call.
     */
    List<String> assertCleanConsole(String base) {
        java.util.regex.Pattern apiRefusal = java.util.regex.Pattern.compile("SEVERE " + java.util.regex.Pattern.quote(base)
                + "/v1/\\S+ - Failed to load resource: the server responded with a status of 4\\d\\d .*");
        org.assertj.core.api.Assertions.assertThat(consoleMessages()).as("the browser console (CSP violations, errors)")
                .noneMatch(message -> message.contains("Content Security Policy"))
                .noneMatch(message -> message.startsWith("SEVERE") && !apiRefusal.matcher(message).matches());
        return requestedUrls();
    }

    /** Every URL in {@code requested} went to the console's own origin (or was a data: URL), and there was one. */
    static void assertStayedOn(String base, List<String> requested) {
        org.assertj.core.api.Assertions.assertThat(requested).as("every request the pages made").isNotEmpty()
                .allMatch(url -> url.startsWith(base + "/") || url.startsWith("data:"), "goes to " + base);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // a temporary directory left behind is harmless
            }
        }
    }
}
