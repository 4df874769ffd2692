package com.example.sessions.store;

import java.util.Map;

import com.example.sessions.support.EmbeddedPostgresServer;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

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

}
