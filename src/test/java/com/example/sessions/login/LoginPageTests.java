package com.example.sessions.login;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlElement;
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

	/**
	 * Every form that posts carries the CSRF token (the templates write its field by
	 * hand), and the token is accepted: one form of each page is sent.
	 */
	@Test
	void everyFormThatPostsCarriesAnAcceptedCsrfToken() throws Exception {
		signIn(page("/login"), "Ada");
		submit(page("/shop").getForms().get(1), "Add");
		for (String path : List.of("/", "/shop", "/checkout", "/preferences", "/session")) {
			List<HtmlForm> posting = page(path).getForms()
				.stream()
				.filter((form) -> "post".equalsIgnoreCase(form.getMethodAttribute()))
				.toList();
			assertThat(posting).as(path).isNotEmpty();
			assertThat(posting).allSatisfy((form) -> assertThat(form.getInputsByName("_csrf"))
				.as(path + ", the form posting to " + form.getActionAttribute())
				.singleElement()
				.satisfies((field) -> assertThat(field.getValue()).isNotBlank()));
		}
		assertThat(submit(last(page("/shop")), "Remove one").getUrl().getPath()).isEqualTo("/shop");
		assertThat(submit(last(page("/checkout")), "Save for later").getUrl().getQuery()).isEqualTo("saved");
		assertThat(submit(last(page("/preferences")), "Save").getUrl().getQuery()).isEqualTo("saved");
		assertThat(submit(last(page("/session")), "Start over").asNormalizedText()).contains("Cleared");
		assertThat(submit(page("/").getForms().get(0), "Sign out").getUrl().getPath()).isEqualTo("/login");
	}

	@Test
	void aFormWithAForgedTokenIsRefusedWithAPageThatSaysWhy() throws Exception {
		this.browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
		HtmlPage login = page("/login");
		login.getForms().get(0).getInputByName("_csrf").setValue("forged");

		HtmlPage refused = signIn(login, "Mallory");

		assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(403);
		assertThat(refused.getWebResponse().getContentType()).isEqualTo("text/html");
		assertThat(refused.asNormalizedText()).contains("This form has expired or did not come from this site")
			.doesNotContain("Exception");
		assertThat(cookieNames()).doesNotContain("SESSION");
	}

	private HtmlPage page(String path) throws Exception {
		return this.browser.getPage("http://localhost:" + this.port + path);
	}

	private static HtmlForm last(HtmlPage page) {
		return page.getForms().get(page.getForms().size() - 1);
	}

	/**
	 * Clicks the form's button of that label (a page that answers 4xx fails the test).
	 */
	private static HtmlPage submit(HtmlForm form, String button) throws Exception {
		for (HtmlElement candidate : form.getElementsByTagName("button")) {
			if (candidate.asNormalizedText().equals(button)) {
				return candidate.click();
			}
		}
		throw new AssertionError("No button \"" + button + "\" in " + form.asXml());
	}

	private HtmlPage signIn(HtmlPage login, String name) throws Exception {
		HtmlForm form = login.getForms().get(0);
		form.getInputByName("name").setValue(name);
		return form.getOneHtmlElementByAttribute("button", "type", "submit").click();
	}

	private List<String> cookieNames() {
		return this.browser.getCookieManager().getCookies().stream().map(Cookie::getName).toList();
	}

}
