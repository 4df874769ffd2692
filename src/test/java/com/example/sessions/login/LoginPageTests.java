package com.example.sessions.login;

import java.nio.file.Path;
import java.util.UUID;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.Cookie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signs in and out through the real pages and forms, as a person with a browser would.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class LoginPageTests {

	private static final Path DATA = Path.of(System.getProperty("java.io.tmpdir"), "page-tests-" + UUID.randomUUID());

	@LocalServerPort
	int port;

	WebClient browser;

	@DynamicPropertySource
	static void h2File(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + DATA.resolve("sessions"));
	}

	@BeforeEach
	void openBrowser() {
		this.browser = new WebClient();
		this.browser.getOptions().setCssEnabled(false);
	}

	@AfterEach
	void closeBrowser() {
		this.browser.close();
	}

	@Test
	void signInAndOutThroughTheForms() throws Exception {
		HtmlPage login = this.browser.getPage("http://localhost:" + this.port + "/");
		assertThat(login.getUrl().getPath()).isEqualTo("/login");
		assertThat(login.getTitleText()).startsWith("Sign in");

		HtmlPage home = signIn(login, "Ada Lovelace");

		assertThat(home.getUrl().getPath()).isEqualTo("/");
		assertThat(home.asNormalizedText()).contains("You are registered as Ada Lovelace.");
		assertThat(cookieNames()).contains("SESSION").doesNotContain("JSESSIONID");
		Cookie session = this.browser.getCookieManager().getCookie("SESSION");
		assertThat(session.isHttpOnly()).isTrue();
		assertThat(session.getExpires()).as("a browser-session cookie").isNull();

		HtmlPage signedOut = home.getForms().get(0).getOneHtmlElementByAttribute("button", "type", "submit").click();

		assertThat(signedOut.getUrl().getPath()).isEqualTo("/login");
		assertThat(cookieNames()).doesNotContain("SESSION");
		HtmlPage again = this.browser.getPage("http://localhost:" + this.port + "/");
		assertThat(again.getUrl().getPath()).isEqualTo("/login");
	}

	@Test
	void aRefusedNameShowsTheFormAgainWithTheReason() throws Exception {
		this.browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
		HtmlPage login = this.browser.getPage("http://localhost:" + this.port + "/login");

		HtmlPage refused = signIn(login, "   ");

		assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(400);
		assertThat(refused.asNormalizedText()).contains("Please enter your name.");
		assertThat(refused.getElementById("name").getAttribute("aria-invalid")).isEqualTo("true");
		assertThat(cookieNames()).doesNotContain("SESSION");
	}

	private HtmlPage signIn(HtmlPage login, String name) throws Exception {
		HtmlForm form = login.getForms().get(0);
		form.getInputByName("name").setValue(name);
		return form.getOneHtmlElementByAttribute("button", "type", "submit").click();
	}

	private java.util.List<String> cookieNames() {
		return this.browser.getCookieManager().getCookies().stream().map(Cookie::getName).toList();
	}

}
