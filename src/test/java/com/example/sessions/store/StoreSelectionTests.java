package com.example.sessions.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.example.sessions.support.Browser;
import com.example.sessions.support.EmbeddedRedis;
import com.example.sessions.support.FreePort;
import com.example.sessions.support.RunningApp;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.session.SessionRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * One setting, {@code app.sessions.store}, names the store: an application that also has
 * a database (or a Redis) of its own still gets exactly one session repository, in the
 * store it named. Spring Boot's session settings are followed, or refused by name.
 */
class StoreSelectionTests {

	/**
	 * The usual production shape: the application's own database beside Redis for the
	 * sessions (the profile's housekeeping exclusion dropped, as such an application
	 * would).
	 */
	@Test
	void redisSessionsBesideADatabaseUnderTheirOwnNamespace() {
		try (RunningApp app = RunningApp.start("redis",
				Map.of("spring.data.redis.port", EmbeddedRedis.port(), "spring.autoconfigure.exclude", "",
						"spring.datasource.url", "jdbc:h2:mem:app-" + UUID.randomUUID(),
						"spring.session.data.redis.namespace", "shop:sessions"))) {
			assertThat(app.beans(javax.sql.DataSource.class)).hasSize(1);
			assertThat(app.beans(SessionRepository.class).values()).singleElement()
				.isInstanceOf(RedisSessionStore.class);

			Browser browser = new Browser(app.port());
			browser.login("Ada");

			String id = id(browser);
			assertThat(EmbeddedRedis.commands().hget("shop:sessions:sessions:" + id, "sessionAttr:name"))
				.isEqualTo("\"Ada\"");
			assertThat(EmbeddedRedis.commands().exists(new RedisKeys("shop:sessions").nameIndex("Ada"))).isOne();
			assertThat(browser.get("/").body()).contains("You are registered as Ada.");
		}
	}

	@Test
	void theSettingAloneNamesTheStore() {
		try (RunningApp app = RunningApp.start("",
				Map.of("app.sessions.store", "redis", "spring.data.redis.port", EmbeddedRedis.port()))) {
			assertThat(app.beans(SessionRepository.class).values()).singleElement()
				.isInstanceOf(RedisSessionStore.class);
			assertThat(app.beans(javax.sql.DataSource.class)).as("the H2 file is not opened").isEmpty();
			Browser browser = new Browser(app.port());
			browser.login("Ada");
			assertThat(EmbeddedRedis.commands().exists(RedisKeys.DEFAULT.session(id(browser)))).isOne();
		}
	}

	@Test
	void jdbcSessionsBesideARedisConnection() {
		try (RunningApp app = RunningApp.start("",
				Map.of("spring.datasource.url", "jdbc:h2:mem:jdbc-" + UUID.randomUUID(), "spring.autoconfigure.exclude",
						"", "spring.data.redis.port", EmbeddedRedis.port()))) {
			assertThat(app.beans(org.springframework.data.redis.connection.RedisConnectionFactory.class)).hasSize(1);
			assertThat(app.beans(SessionRepository.class).values()).singleElement()
				.isInstanceOf(JdbcSessionStore.class);

			Browser browser = new Browser(app.port());
			browser.login("Ada");

			assertThat(new JdbcStoreProbe(app.bean(JdbcTemplate.class)).sessionIds()).containsExactly(id(browser));
			assertThat(EmbeddedRedis.commands().exists(RedisKeys.DEFAULT.session(id(browser)))).isZero();
		}
	}

	@Test
	void springSessionSettingsThisStoreDoesNotFollowStopTheStart() {
		assertThatException()
			.isThrownBy(() -> RunningApp.start("",
					Map.of("spring.datasource.url", "jdbc:h2:mem:flush-" + UUID.randomUUID(),
							"spring.session.jdbc.flush-mode", "immediate")))
			.withStackTraceContaining("spring.session.jdbc.flush-mode=IMMEDIATE");
		assertThatException()
			.isThrownBy(
					() -> RunningApp.start("redis",
							Map.of("spring.data.redis.port", EmbeddedRedis.port(),
									"spring.session.data.redis.save-mode", "always")))
			.withStackTraceContaining("spring.session.data.redis.save-mode=ALWAYS");
	}

	@Test
	void anUnknownStoreStopsTheStart() {
		assertThatException()
			.isThrownBy(
					() -> RunningApp
						.start("",
								Map.of("spring.datasource.url", "jdbc:h2:mem:unknown-" + UUID.randomUUID(),
										"app.sessions.store", "mongo")))
			.withStackTraceContaining("app.sessions.store");
	}

	@Test
	void aRedisThatRefusesTheCredentialsStopsTheStartWithTheReason() throws Exception {
		int port = FreePort.find();
		RedisServer redis = EmbeddedRedis.startOn(port, List.of("requirepass right"));
		try {
			assertThatException()
				.isThrownBy(() -> RunningApp.start("redis",
						Map.of("spring.data.redis.port", port, "spring.data.redis.password", "wrong")))
				.withStackTraceContaining("Redis refused this application's credentials");
		}
		finally {
			EmbeddedRedis.stop(redis);
		}
	}

	private static String id(Browser browser) {
		return new String(Base64.getDecoder().decode(browser.cookie("SESSION").orElseThrow()), StandardCharsets.UTF_8);
	}

}
