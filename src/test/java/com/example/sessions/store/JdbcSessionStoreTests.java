package com.example.sessions.store;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What holds for both JDBC stores (H2 and PostgreSQL).
 */
// Expired rows are normally swept once a minute; every second keeps the test short.
@TestPropertySource(properties = "spring.session.jdbc.cleanup-cron=* * * * * *")
abstract class JdbcSessionStoreTests extends SessionStoreTests {

	@Autowired
	JdbcTemplate jdbc;

	private JdbcStoreProbe probe;

	@Override
	StoreProbe store() {
		if (this.probe == null) {
			this.probe = new JdbcStoreProbe(this.jdbc);
		}
		return this.probe;
	}

	@Override
	Class<?> expectedRepository() {
		return JdbcIndexedSessionRepository.class;
	}

	@Override
	String storeHealthComponent() {
		return "db";
	}

	@Override
	String otherStoreHealthComponent() {
		return "redis";
	}

	@Test
	void jdbcProfileNeedsNoRedis() {
		assertThat(this.context.getBeanNamesForType(RedisConnectionFactory.class)).isEmpty();
	}

	@Test
	void expiredRowsAreCleanedUp() {
		this.browser.login("Alice");
		this.browser.login("Bob");
		JdbcStoreProbe rows = (JdbcStoreProbe) store();
		assertThat(rows.rowCount()).isEqualTo(3);

		rows.makeIdle(sessionId());

		await().atMost(Duration.ofSeconds(5)).until(() -> rows.rowCount() == 0);
	}

}
