package com.example.sessions.store;

import java.util.Map;

import javax.sql.DataSource;

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

}
