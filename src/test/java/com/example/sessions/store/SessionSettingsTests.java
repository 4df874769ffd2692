package com.example.sessions.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import com.example.sessions.support.Browser;
import com.example.sessions.support.Browser.Page;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented knobs: the idle timeout and the cookie's {@code Secure} flag, set the
 * way an operator would (the environment variables bind to these properties).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.session.timeout=7m", "server.servlet.session.cookie.secure=true" })
class SessionSettingsTests {

	private static final Path DATA = Path.of(System.getProperty("java.io.tmpdir"),
			"settings-tests-" + UUID.randomUUID());

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@DynamicPropertySource
	static void h2File(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + DATA.resolve("sessions"));
	}

	@Test
	void idleTimeoutIsConfigurable() {
		Browser browser = new Browser(this.port);
		browser.login("Alice");
		String id = new String(Base64.getDecoder().decode(browser.cookie("__Host-SESSION").orElseThrow()),
				StandardCharsets.UTF_8);

		assertThat(new JdbcStoreProbe(this.jdbc).maxInactiveInterval(id)).isEqualTo(Duration.ofMinutes(7));
	}

	@Test
	void secureCookiesAreHostOnly() {
		Browser browser = new Browser(this.port);
		Page form = browser.get("/login");
		assertThat(form.setCookie("__Host-XSRF-TOKEN")).hasValueSatisfying(SessionSettingsTests::hostOnly);

		Page login = browser.login("Alice");

		assertThat(login.setCookie("__Host-SESSION")).hasValueSatisfying(SessionSettingsTests::hostOnly);
		assertThat(login.setCookie("SESSION")).isEmpty();
		assertThat(browser.get("/").body()).contains("You are registered as Alice.");
	}

	private static void hostOnly(String cookie) {
		assertThat(cookie).contains("Secure", "HttpOnly", "SameSite=Lax", "Path=/").doesNotContain("Domain");
		assertThat(cookie).hasSizeLessThan(4096);
	}

}
