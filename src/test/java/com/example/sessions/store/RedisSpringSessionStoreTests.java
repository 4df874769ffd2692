package com.example.sessions.store;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.data.redis.RedisSessionRepository;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import com.example.sessions.support.Browser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same tests on Redis, with Spring Session's own repository keeping the sessions.
 */
@TestPropertySource(properties = "app.sessions.repository=spring-session")
// Closed after its tests, as the JDBC ones are: nothing of it runs on into the other
// classes' tests of the same Redis.
@DirtiesContext
class RedisSpringSessionStoreTests extends RedisSessionStoreTests {

	@Override
	boolean springSessionRepository() {
		return true;
	}

	/**
	 * Spring Session: HGETALL; then, to save the access and the count, EXISTS, HMSET and
	 * PEXPIREAT.
	 */
	@Override
	long pageLoadRoundTrips() {
		return 4;
	}

	@Override
	Class<?> expectedRepository() {
		return RedisSessionRepository.class;
	}

	/**
	 * Differs by design (README): {@code RedisSessionRepository} keeps no index of names.
	 */
	@Override
	boolean findsSessionsByName() {
		return false;
	}

	/**
	 * Spring Session: the session, then whether it still exists before its first save
	 * ({@code EXISTS}), the write and its expiry.
	 */
	@Override
	long loginRoundTrips() {
		return 3;
	}

	/**
	 * Spring Session: the read, then the delete; no index to take the id out of.
	 */
	@Override
	long logoutRoundTrips() {
		return 2;
	}

	@Override
	@Test
	void signInWritesTheSessionHashAndItsNamesIndexOnly() {
		this.browser.login("Alice");

		assertThat(this.redis.size()).as("the session's hash, no index").isEqualTo(1);
		assertThat(this.redis.hash(sessionId())).containsOnlyKeys("creationTime", "lastAccessedTime",
				"maxInactiveInterval", "sessionAttr:name", "sessionAttr:visits");
	}

	/**
	 * Counted from Redis's notifications as with this app's repository; no gauge of the
	 * active ones (README).
	 */
	@Override
	@Test
	void sessionsThatRedisExpiresAreCountedOnce() {
		double expired = metric("sessions_ended_total{reason=\"expired\"}");
		this.browser.login("Ada");

		commands().pexpire(RedisKeys.DEFAULT.session(sessionId()), 1);

		Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.until(() -> metric("sessions_ended_total{reason=\"expired\"}") == expired + 1);
	}

	@Override
	@Test
	void expiredSessionsLeaveTheNamesIndexWhenItIsRead() {
		assertNoNamesIndex();
	}

	@Override
	@Test
	void signInsPruneTheNamesIndexOfExpiredSessions() {
		assertNoNamesIndex();
	}

	@Override
	@Test
	void signingOutTakesTheIdOutOfTheNamesIndex() {
		assertNoNamesIndex();
	}

	@Override
	@Test
	void aSessionKeptActivePastSeveralIdleTimeoutsIsStillFoundByName() {
		assertNoNamesIndex();
	}

	/**
	 * Differs by design (README): no index to keep in step, and nothing finds sessions by
	 * name.
	 */
	private void assertNoNamesIndex() {
		this.browser.login("Alice");
		new Browser(this.port).login("Alice");

		assertThat(commands().exists(RedisKeys.DEFAULT.nameIndex("Alice"))).isZero();
		assertThat(this.context.getBeansOfType(FindByIndexNameSessionRepository.class)).isEmpty();
	}

}
