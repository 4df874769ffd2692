package com.example.sessions.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.example.sessions.support.Browser.Page;
import com.example.sessions.support.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.session.SessionRepository;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

@ActiveProfiles("postgres")
class PostgresSessionStoreTests extends JdbcSessionStoreTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", EmbeddedPostgresServer::jdbcUrl);
		registry.add("spring.datasource.username", () -> "postgres");
	}

	@Override
	String profile() {
		return "postgres";
	}

	@Override
	Map<String, Object> restartProperties() {
		return Map.of("spring.datasource.url", EmbeddedPostgresServer.jdbcUrl(), "spring.datasource.username",
				"postgres");
	}

	@Override
	String storeName() {
		return "PostgreSQL";
	}

	/**
	 * A page view's statement skips waiting for the disk with a setting that lasts until
	 * its transaction ends: inside a transaction of the caller's, that would reach the
	 * caller's own writes.
	 */
	@Test
	void loadingTheSessionInACallersTransactionLeavesThatTransactionDurable() {
		this.browser.login("Alice");
		String id = sessionId();
		DataSource dataSource = this.context.getBean(DataSource.class);
		SessionRepository<?> sessions = this.context.getBean(SessionRepository.class);
		JdbcTemplate sql = new JdbcTemplate(dataSource);

		String setting = new TransactionTemplate(new DataSourceTransactionManager(dataSource)).execute((status) -> {
			// What a production server has; the embedded one does not wait by default.
			sql.execute("SET LOCAL synchronous_commit = on");
			assertThat(sessions.findById(id)).isNotNull();
			return sql.queryForObject("SHOW synchronous_commit", String.class);
		});

		assertThat(setting).isEqualTo("on");
	}

	/**
	 * A page view that also records the access locks the page count's row, then the
	 * session's; a save that changes the count ("Start over") locks them the other way
	 * round. PostgreSQL ends such a deadlock by failing one of them: a page view that
	 * fails so is tried again, not answered with the 409 page.
	 */
	@Test
	void aPageViewThatLosesADeadlockIsTriedAgain() throws Exception {
		assumeFalse(springSessionRepository(),
				"Spring Session's repository counts the page in its save: no such lock order");
		this.browser.login("Ada");
		this.browser.get("/");
		String id = sessionId();
		DataSource dataSource = this.context.getBean(DataSource.class);
		JdbcTemplate sql = new JdbcTemplate(dataSource);
		sql.update("UPDATE spring_session SET last_access_time = last_access_time - 60000 WHERE session_id = ?", id);
		long deadlocks = deadlocks(sql);

		try (Connection save = dataSource.getConnection()) {
			save.setAutoCommit(false);
			execute(save, "SET LOCAL deadlock_timeout = '10s'", null);
			execute(save,
					"UPDATE spring_session SET max_inactive_interval = max_inactive_interval WHERE session_id = ?", id);
			CompletableFuture<Page> page = CompletableFuture.supplyAsync(() -> this.browser.get("/"));
			// The page view holds the count's row and waits for the session's; this side
			// then waits for the count's row, and the page view's database process,
			// waiting longer, finds the deadlock.
			await().atMost(Duration.ofSeconds(5))
				.until(() -> sql.queryForObject(
						"SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%counted%'",
						Long.class) == 1);
			execute(save, """
					SELECT attribute_bytes FROM spring_session_attributes WHERE attribute_name = 'visits'
					AND session_primary_id = (SELECT primary_id FROM spring_session WHERE session_id = ?) FOR UPDATE
					""", id);
			save.commit();

			Page answer = page.get(10, TimeUnit.SECONDS);
			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.body()).contains("This session has loaded 2 pages.");
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> deadlocks(sql) > deadlocks);
	}

	private static long deadlocks(JdbcTemplate sql) {
		sql.execute("SELECT pg_stat_clear_snapshot()");
		return sql.queryForObject("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()",
				Long.class);
	}

	private static void execute(Connection connection, String statement, String id) throws SQLException {
		try (PreparedStatement sql = connection.prepareStatement(statement)) {
			if (id != null) {
				sql.setString(1, id);
			}
			sql.execute();
		}
	}

}
