package com.example.sessions.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's Chromium, headless, driven through Debian's ChromeDriver (never a downloaded
 * one: {@code apt-get install chromium chromium-driver}). Also checks pages for
 * accessibility with axe-core and saves screenshots.
 */
final class Chromium implements AutoCloseable {

	static final Path BROWSER = Path.of(System.getenv().getOrDefault("CHROME_BIN", "/usr/bin/chromium"));

	static final Path DRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));

	/**
	 * Where screenshots go: {@code -Dscreenshots=docs/screenshots} refreshes the
	 * README's.
	 */
	static final Path SCREENSHOTS = Path.of(System.getProperty("screenshots", "target/screenshots"));

	private static final List<String> WCAG_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

	final ChromeDriver driver;

	private Chromium(ChromeDriver driver) {
		this.driver = driver;
	}

	/**
	 * Starts the browser, or skips the calling test (with the reason) where Chromium or
	 * ChromeDriver is not installed.
	 */
	static Chromium start() {
		assumeTrue(Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER),
				"Skipping the real-browser tests: " + BROWSER + " or " + DRIVER
						+ " is missing (apt-get install chromium chromium-driver; .ci/run installs them)");
		ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1000,900", "--lang=en-US");
		options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "en-US,en"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		return new Chromium(driver);
	}

	void resize(int width, int height) {
		this.driver.manage().window().setSize(new Dimension(width, height));
	}

	/**
	 * Runs axe-core on the current page: no WCAG 2.1 A or AA violation (contrast, labels,
	 * landmarks, names of buttons and links, language).
	 */
	void assertAccessible() {
		Results results = new AxeBuilder().withTags(WCAG_AA).analyze(this.driver);
		assertThat(results.getViolations())
			.as(() -> this.driver.getCurrentUrl() + ": "
					+ results.getViolations().stream().map(Chromium::describe).toList())
			.isEmpty();
	}

	private static String describe(Rule violation) {
		return violation.getId() + " " + violation.getNodes().stream().map((node) -> node.getHtml()).toList();
	}

	void screenshot(String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Files.write(SCREENSHOTS.resolve(name + ".png"), this.driver.getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.driver.quit();
	}

}
