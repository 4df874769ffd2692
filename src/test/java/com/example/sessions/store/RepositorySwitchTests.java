package com.example.sessions.store;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.example.sessions.support.Browser;
import com.example.sessions.support.EmbeddedPostgresServer;
import com.example.sessions.support.EmbeddedRedis;
import com.example.sessions.support.RunningApp;
import org.junit.jupiter.api.Test;

import org.springframework.session.SessionRepository;
import org.springframework.session.data.redis.RedisSessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code app.sessions.repository} switches between this app's repositories and Spring
 * Session's own, over the same data: a visitor signed in under one stays signed in under
 * the other, cart and preferences and all, and back again. On every store.
 */
class RepositorySwitchTests {

	@Test
	void theSettingIsReadAsLenientlyAsItIsBound() {
		try (RunningApp app = RunningApp.start("", Map.of("spring.datasource.url",
				"jdbc:h2:mem:lenient-" + UUID.randomUUID(), "app.sessions.repository", "springSession"))) {
			assertThat(app.beans(SessionRepository.class).values()).singleElement()
				.isInstanceOf(JdbcIndexedSessionRepository.class);
		}
	}

	/**
	 * Spring Session's repositories have no absolute lifetime; it is enforced in front of
	 * whichever repository keeps the sessions.
	 */
	@Test
	void theAbsoluteLifetimeEndsSessionsSpringSessionKeepsToo() throws InterruptedException {
		try (RunningApp app = RunningApp.start("",
				Map.of("spring.datasource.url", "jdbc:h2:mem:lifetime-" + UUID.randomUUID(), "app.sessions.repository",
						"spring-session", "spring.session.timeout", "2s", "app.sessions.absolute-timeout", "4s"))) {
			Browser browser = new Browser(app.port());
			browser.login("Ada");
			java.time.Instant end = java.time.Instant.now().plusMillis(3000);
			while (java.time.Instant.now().isBefore(end)) {
				assertThat(browser.get("/").body()).as("kept active past its idle timeout")
					.contains("You are registered as Ada.");
				Thread.sleep(400);
			}

			Thread.sleep(1500);

			assertThat(browser.get("/").location()).as("past its lifetime").isEqualTo("/login");
			assertThat(new JdbcStoreProbe(app.bean(org.springframework.jdbc.core.JdbcTemplate.class)).sessionIds())
				.as("deleted, not merely ignored")
				.isEmpty();
		}
	}

	@Test
	void h2() {
		Path file = Path.of(System.getProperty("java.io.tmpdir"), "switch-" + UUID.randomUUID(), "sessions");
		carriesOnAcrossTheSwitch("", Map.of("spring.datasource.url", "jdbc:h2:file:" + file),
				JdbcIndexedSessionRepository.class);
	}

	@Test
	void postgres() {
		carriesOnAcrossTheSwitch("postgres", Map.of("spring.datasource.url", EmbeddedPostgresServer.jdbcUrl(),
				"spring.datasource.username", "postgres"), JdbcIndexedSessionRepository.class);
	}

	@Test
	void redis() {
		carriesOnAcrossTheSwitch("redis", Map.of("spring.data.redis.port", EmbeddedRedis.port()),
				RedisSessionRepository.class);
	}

	private static void carriesOnAcrossTheSwitch(String profile, Map<String, Object> store,
			Class<?> springSessionRepository) {
		String cookie;
		String graceCookie;
		try (RunningApp ours = start(profile, store, "app")) {
			Browser browser = new Browser(ours.port());
			browser.login("Ada");
			String token = browser.get("/shop").csrfToken();
			browser.post("/shop/add", Map.of("_csrf", token, "product", "mug"));
			browser.post("/preferences", Map.of("_csrf", token, "theme", "DARK", "language", "de"));
			cookie = browser.cookie("SESSION").orElseThrow();
		}
		try (RunningApp theirs = start(profile, store, "spring-session")) {
			assertThat(theirs.beans(SessionRepository.class).values()).singleElement()
				.isInstanceOf(springSessionRepository);
			Browser browser = new Browser(theirs.port());
			browser.setCookie("SESSION", cookie);
			assertThat(browser.get("/").body()).contains("Du bist als Ada angemeldet.", "data-theme=\"dark\"");
			assertThat(browser.get("/shop").body()).contains("1 Artikel im Warenkorb");
			browser.post("/shop/add", Map.of("_csrf", browser.get("/shop").csrfToken(), "product", "postcard"));
			assertThat(browser.get("/shop").body()).contains("2 Artikel im Warenkorb");
			Browser newcomer = new Browser(theirs.port());
			newcomer.login("Grace");
			newcomer.post("/shop/add", Map.of("_csrf", newcomer.get("/shop").csrfToken(), "product", "mug"));
			assertThat(newcomer.get("/session").body()).as("the absolute lifetime holds for both")
				.contains("Ends at the latest");
			graceCookie = newcomer.cookie("SESSION").orElseThrow();
		}
		try (RunningApp ours = start(profile, store, "app")) {
			Browser browser = new Browser(ours.port());
			browser.setCookie("SESSION", cookie);
			assertThat(browser.get("/").body()).contains("Du bist als Ada angemeldet.");
			assertThat(browser.get("/shop").body()).as("what Spring Session's repository wrote")
				.contains("2 Artikel im Warenkorb");
			Browser grace = new Browser(ours.port());
			grace.setCookie("SESSION", graceCookie);
			assertThat(grace.get("/").body()).as("a session Spring Session's repository created")
				.contains("You are registered as Grace.");
			assertThat(grace.get("/shop").body()).contains("1 item in the cart");
			assertThat(grace.get("/session").body()).contains("Ends at the latest");
		}
	}

	private static RunningApp start(String profile, Map<String, Object> store, String repository) {
		Map<String, Object> properties = new HashMap<>(store);
		properties.put("app.sessions.repository", repository);
		return RunningApp.start(profile, properties);
	}

}
