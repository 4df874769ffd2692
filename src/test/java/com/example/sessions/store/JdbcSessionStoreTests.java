package com.example.sessions.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.example.sessions.support.CountingDataSource;
import com.example.sessions.support.RoundTrips;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * What holds for both JDBC stores (H2 and PostgreSQL).
 */
// Expired rows are normally swept once a minute; every second keeps the test short.
@TestPropertySource(properties = "spring.session.jdbc.cleanup-cron=* * * * * *")
@Import(JdbcSessionStoreTests.CountStatements.class)
abstract class JdbcSessionStoreTests extends SessionStoreTests {

	@TestConfiguration(proxyBeanMethods = false)
	static class CountStatements {

		@Bean
		static BeanPostProcessor countingDataSource() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					return (bean instanceof DataSource dataSource) ? new CountingDataSource(dataSource) : bean;
				}

			};
		}

	}

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
	RoundTrips roundTrips() {
		return (CountingDataSource) this.context.getBean(DataSource.class);
	}

	@Override
	long loginRoundTrips() {
		return 3;
	}

	@Test
	void expiryMovesWithTheRecordedAccess() {
		this.browser.login("Alice");
		String id = sessionId();
		store().age(id, Duration.ofMinutes(5));

		this.browser.get("/");

		long expiry = this.jdbc.queryForObject(
				"SELECT EXPIRY_TIME - LAST_ACCESS_TIME FROM SPRING_SESSION WHERE SESSION_ID = ?", Long.class, id);
		assertThat(Duration.ofMillis(expiry)).isEqualTo(Duration.ofMinutes(30));
		assertThat(store().lastAccessedTime(id)).isAfter(java.time.Instant.now().minusSeconds(5));
	}

	@Override
	Class<?> expectedRepository() {
		return JdbcSessionStore.class;
	}

	@Override
	String storeHealthComponent() {
		return "db";
	}

	@Override
	String otherStoreHealthComponent() {
		return "redis";
	}

	/**
	 * "Start over" checks, in its transaction, that no other tab counted a page since it
	 * loaded the session, then deletes the count. A page being counted at that moment
	 * (its row changed, not yet committed) is waited for and seen, so that page counts
	 * after the start instead of being deleted with the count before it.
	 */
	@Test
	void startingOverWhileAPageIsBeingCountedKeepsThatPage() throws Exception {
		assumeFalse(springSessionRepository(),
				"with Spring Session's repositories the application counts the pages itself (README)");
		this.browser.login("Ada");
		this.browser.get("/");
		String id = sessionId();
		SessionRepository<Session> sessions = repository();
		Session startingOver = sessions.findById(id);
		startingOver.removeAttribute("visits");

		try (Connection anotherTab = this.context.getBean(DataSource.class).getConnection()) {
			anotherTab.setAutoCommit(false);
			try (PreparedStatement count = anotherTab.prepareStatement("""
					UPDATE SPRING_SESSION_ATTRIBUTES SET ATTRIBUTE_BYTES = ?
					WHERE ATTRIBUTE_NAME = 'visits'
					AND SESSION_PRIMARY_ID = (SELECT PRIMARY_ID FROM SPRING_SESSION WHERE SESSION_ID = ?)
					""")) {
				count.setBytes(1, "2".getBytes(StandardCharsets.UTF_8));
				count.setString(2, id);
				assertThat(count.executeUpdate()).isEqualTo(1);
			}
			CompletableFuture<Void> save = CompletableFuture.runAsync(() -> sessions.save(startingOver));
			// Long enough for the save to reach the count's row.
			Thread.sleep(500);
			anotherTab.commit();
			save.get(10, TimeUnit.SECONDS);
		}

		assertThat(this.browser.get("/").body()).as("the page counted in between, then this one")
			.contains("This session has loaded 2 pages.");
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
		// Bob's session row and its attributes (the name). Alice's
		// session, page count and all, went when Bob signed in.
		assertThat(rows.size()).isEqualTo(1 + signInAttributes().size());

		double expired = metric("sessions_ended_total{reason=\"expired\"}");

		rows.makeIdle(sessionId());

		await().atMost(Duration.ofSeconds(5)).until(() -> rows.size() == 0);
		// Spring Session's repository deletes them itself and reports no count (README).
		assertThat(metric("sessions_ended_total{reason=\"expired\"}"))
			.isEqualTo(springSessionRepository() ? expired : expired + 1);
	}

}
