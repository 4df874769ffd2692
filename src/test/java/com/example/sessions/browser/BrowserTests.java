package com.example.sessions.browser;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app in a real browser (headless Chromium): what a person sees and what the browser
 * keeps. Every page is checked for accessibility (axe-core, WCAG 2.1 AA) in both themes,
 * and photographed for the README ({@code ./mvnw verify -Dtest=BrowserTests
 * -Dscreenshots=docs/screenshots}).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "spring.datasource.url=jdbc:h2:mem:browser")
class BrowserTests {

	private static Chromium chromium;

	@LocalServerPort
	int port;

	private Site site;

	@AfterAll
	static void stopBrowser() {
		if (chromium != null) {
			chromium.close();
		}
	}

	/**
	 * Started by the first test that runs; where Chromium is missing, each test is
	 * reported as skipped, with the reason (an assumption in a {@code @BeforeAll} would
	 * make the report say that none ran).
	 */
	@BeforeEach
	void freshVisitor() {
		if (chromium == null) {
			chromium = Chromium.start();
		}
		this.site = new Site(chromium.driver, this.port);
		this.site.open("/login");
		chromium.driver.manage().deleteAllCookies();
		chromium.resize(1000, 900);
	}

	@Test
	void signInWithoutRememberMeKeepsTheCookieOnlyUntilTheBrowserCloses() {
		this.site.open("/");
		assertThat(this.site.path()).isEqualTo("/login");
		chromium.assertAccessible();
		chromium.screenshot("login");

		this.site.signIn("Ada", false);

		assertThat(this.site.text()).contains("You are registered as Ada.", "This session has loaded 1 page.");
		Cookie cookie = this.site.cookie("SESSION").orElseThrow();
		assertThat(cookie.isHttpOnly()).isTrue();
		assertThat(cookie.getSameSite()).isEqualTo("Lax");
		assertThat(cookie.getPath()).isEqualTo("/");
		assertThat(cookie.getDomain()).as("host-only, no Domain attribute").doesNotStartWith(".");
		assertThat(cookie.getExpiry()).as("a browser session cookie").isNull();
		assertThat(cookie.getValue()).doesNotContain("Ada");
		chromium.assertAccessible();
		chromium.screenshot("home");
	}

	@Test
	void rememberMeKeepsTheCookieForFourteenDays() {
		this.site.signIn("Grace", true);

		Cookie cookie = this.site.cookie("SESSION").orElseThrow();
		assertThat(cookie.getExpiry()).isNotNull();
		assertThat(Duration.between(Instant.now(), cookie.getExpiry().toInstant()))
			.isBetween(Duration.ofDays(14).minusMinutes(5), Duration.ofDays(14));
		this.site.nav("Your session");
		assertThat(this.site.panelFact("kept")).isEqualTo("On this device until it ends (remember me)");
	}

	@Test
	void aTourOfEverythingTheSessionKeeps() {
		this.site.signIn("Ada", false);

		// The cart: a count in the header, on every page.
		this.site.nav("Shop").addToCart("Add Mug to the cart").addToCart("Add Mug to the cart");
		this.site.addToCart("Add Postcard to the cart");
		assertThat(this.site.cartBadge()).isEqualTo("3");
		assertThat(this.site.text()).contains("€17.20");
		chromium.assertAccessible();
		chromium.screenshot("shop");

		// Unfinished input, kept for later and filled back in.
		this.site.nav("Checkout").type("fullName", "Ada Lovelace").type("city", "London");
		this.site.press(By.cssSelector("button[value=save]"));
		assertThat(this.site.text()).contains("Saved.");
		this.site.nav("Shop").nav("Checkout");
		assertThat(this.site.value("fullName")).isEqualTo("Ada Lovelace");
		assertThat(this.site.value("city")).isEqualTo("London");
		assertThat(this.site.value("street")).isEmpty();
		chromium.assertAccessible();
		chromium.screenshot("checkout");

		// Preferences, applied to every page.
		this.site.nav("Preferences").choose("theme-dark").select("language", "de");
		this.site.press(By.cssSelector("main form button[type=submit]"));
		assertThat(this.site.htmlAttribute("data-theme")).isEqualTo("dark");
		assertThat(this.site.htmlAttribute("lang")).isEqualTo("de");
		assertThat(this.site.heading()).isEqualTo("Einstellungen");
		chromium.assertAccessible();
		chromium.screenshot("preferences-dark");
		this.site.nav("Start");
		assertThat(this.site.text()).contains("Du bist als Ada angemeldet.");
		chromium.assertAccessible();

		// The panel: what the store keeps.
		this.site.nav("Deine Sitzung");
		assertThat(this.site.panelFact("store")).isEqualTo("H2");
		assertThat(this.site.panelAttributes()).contains("cart", "checkoutDraft", "name", "preferences", "visits");
		chromium.assertAccessible();
		chromium.screenshot("session-dark");

		// Start over: everything but the sign-in goes, light theme and English again.
		this.site.press(By.cssSelector("form[action='/session/start-over'] button"));
		assertThat(this.site.htmlAttribute("data-theme")).isNull();
		assertThat(this.site.cartBadge()).isEqualTo("0");
		assertThat(this.site.panelAttributes()).doesNotContain("cart", "checkoutDraft", "preferences");
		chromium.assertAccessible();
		chromium.screenshot("session");

		this.site.signOut();
		assertThat(this.site.path()).isEqualTo("/login");
		assertThat(this.site.cookie("SESSION")).isEmpty();
		this.site.open("/shop");
		assertThat(this.site.path()).isEqualTo("/login");
	}

	@Test
	void keyboardFocusFollowsTheReadingOrder() {
		this.site.open("/login");

		assertThat(this.site.focusOrder(5)).containsExactly("Skip to content", "Remember my name", "#name",
				"#rememberMe", "Remember me by this name");
	}

	@Test
	void pagesFitAPhone() {
		chromium.resize(390, 844);
		this.site.signIn("Ada", false);
		this.site.nav("Shop").addToCart("Add Notebook to the cart");

		for (String page : new String[] { "/", "/shop", "/checkout", "/preferences", "/session" }) {
			this.site.open(page);
			assertThat(this.site.fitsTheWindow()).as(page).isTrue();
			chromium.assertAccessible();
		}
		this.site.open("/shop");
		chromium.screenshot("shop-phone");
		this.site.open("/session");
		chromium.screenshot("session-phone");
	}

}
