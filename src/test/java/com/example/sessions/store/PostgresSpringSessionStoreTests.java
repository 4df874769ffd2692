package com.example.sessions.store;

import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The same tests on PostgreSQL, with Spring Session's own repository keeping the
 * sessions.
 */
@TestPropertySource(properties = "app.sessions.repository=spring-session")
// Closed after its tests: Spring Session's own sweep of expired rows (every second here)
// must not run on into the other classes' tests of the same database.
@DirtiesContext
class PostgresSpringSessionStoreTests extends PostgresSessionStoreTests {

	@Override
	boolean springSessionRepository() {
		return true;
	}

	/**
	 * Spring Session: the read, then the access and the count written in a transaction of
	 * their own.
	 */
	@Override
	long pageLoadRoundTrips() {
		return 5;
	}

	/**
	 * Spring Session: the read, then the delete, each in a transaction of its own (a
	 * statement and its commit).
	 */
	@Override
	long logoutRoundTrips() {
		return 4;
	}

	@Override
	Class<?> expectedRepository() {
		return JdbcIndexedSessionRepository.class;
	}

}
