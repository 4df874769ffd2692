package com.example.sessions.store;

import java.util.HashMap;
import java.util.Map;

import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.test.context.TestPropertySource;

/**
 * The same tests on the default store (H2), with Spring Session's own repository keeping
 * the sessions.
 */
@TestPropertySource(properties = "app.sessions.repository=spring-session")
class H2SpringSessionStoreTests extends H2SessionStoreTests {

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

	/**
	 * Restarted applications keep Spring Session's repository too.
	 */
	@Override
	Map<String, Object> restartProperties() {
		Map<String, Object> properties = new HashMap<>(super.restartProperties());
		properties.put("app.sessions.repository", "spring-session");
		return properties;
	}

	@Override
	Class<?> expectedRepository() {
		return JdbcIndexedSessionRepository.class;
	}

}
