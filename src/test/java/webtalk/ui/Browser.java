package webtalk.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's chromium + chromedriver) driven by Selenium: no browser is
 * downloaded at run time. Fails with the install command when the packages are missing.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target/screenshots");
    /** The committed copies that docs/ui.md shows; refreshed by every run of the tests that take them. */
    static final Path PUBLISHED = Path.of("docs/screenshots");

    private final WebDriver driver;
    private final WebDriverWait wait;
    private final Path profile;

    private Browser(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
        // A condition that meets an element a redraw has just replaced is asked again, not failed.
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        wait.ignoring(StaleElementReferenceException.class);
    }

    static Browser open(int width, int height) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new AssertionError("Chromium is missing: apt-get install -y chromium chromium-driver");
        }
        try {
            Path profile = Files.createTempDirectory("webtalk-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            // A Brazilian user's browser: the pages pick pt-BR from navigator.language.
            options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "pt-BR,pt"));
            // The console is kept so tests can prove a page ran without errors or CSP violations.
            options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--disable-quic", "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "--lang=pt-BR");
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().window().setSize(new Dimension(width, height));
            return new Browser(driver, profile);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static Browser desktop() {
        return open(1280, 900);
    }

    static Browser phone() {
        return open(375, 812);
    }

    WebDriver driver() {
        return driver;
    }

    void get(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /**
     * Clicks the element {@code css} finds, through the wait: a page that redraws a list while the
     * click is on its way (the admin panel refreshes its tables every few seconds) replaces the
     * element found, and the wait, which ignores stale elements, finds it again, as a user's click
     * would land on what is drawn there now.
     */
    void click(String css) {
        wait.until(d -> {
            WebElement element = ExpectedConditions.elementToBeClickable(By.cssSelector(css)).apply(d);
            if (element == null) {
                return null;
            }
            // Instant: Bootstrap makes scrolling smooth, and a click sent mid-scroll lands where the element was.
            script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
            element.click();
            return true;
        });
    }

    /**
     * Waits until the field takes input (displayed and enabled: a page enables its message box only
     * once its join is answered, a moment after the member list may already show the name).
     */
    void type(String css, String text) {
        WebElement input = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)));
        input.clear();
        input.sendKeys(text);
    }

    <T> T await(Function<WebDriver, T> condition) {
        return wait.until(condition);
    }

    /** An attribute of the element {@code css} finds; read again if a redraw replaced the element meanwhile. */
    String attribute(String css, String name) {
        return wait.until(d -> d.findElement(By.cssSelector(css)).getAttribute(name));
    }

    /** The text of the element {@code css} finds; read again if a redraw replaced the element meanwhile. */
    String text(String css) {
        return wait.until(d -> d.findElement(By.cssSelector(css)).getText());
    }

    void awaitText(String css, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Sets the nickname the pages remember, as a returning user would have it. */
    void rememberNickname(String base, String nickname) {
        get(base + "/");
        script("localStorage.setItem('webtalk.nick', arguments[0])", nickname);
    }

    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Takes a screenshot; with {@code -Dwebtalk.publishScreenshots=true} also copies it to
     * docs/screenshots (the pictures the docs show), so an ordinary test run leaves the work tree
     * clean: {@code mvn verify -Dwebtalk.publishScreenshots=true -Dit.test='ChatPageIT,AdminPageIT'}.
     */
    Path publishScreenshot(String name) {
        Path shot = screenshot(name);
        if (!Boolean.getBoolean("webtalk.publishScreenshots")) {
            return shot;
        }
        try {
            Files.createDirectories(PUBLISHED);
            Files.copy(shot, PUBLISHED.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return shot;
    }

    /**
     * The console's errors since the last call: uncaught exceptions, failed loads and CSP
     * violations ("Refused to ...") all land here as SEVERE.
     */
    List<String> consoleErrors() {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(entry -> entry.getMessage())
                .toList();
    }

    boolean horizontallyScrollable() {
        return (Boolean) script("return document.documentElement.scrollWidth > document.documentElement.clientWidth");
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp profile left behind is harmless
        }
    }
}
