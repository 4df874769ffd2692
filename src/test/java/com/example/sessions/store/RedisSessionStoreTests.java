package com.example.sessions.store;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.example.sessions.support.Browser;
import com.example.sessions.support.EmbeddedRedis;
import com.example.sessions.support.RedisMonitor;
import com.example.sessions.support.RoundTrips;
import com.example.sessions.support.RunningApp;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.session.FindByIndexNameSessionRepository;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@ActiveProfiles("redis")
class RedisSessionStoreTests extends SessionStoreTests {

	RedisStoreProbe redis;

	private RoundTrips monitor;

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.port", EmbeddedRedis::port);
	}

	/**
	 * A connection for looking into the store, bypassing the application.
	 */
	RedisClusterCommands<String, String> commands() {
		return EmbeddedRedis.commands();
	}

	RoundTrips startMonitor() {
		return new RedisMonitor(EmbeddedRedis.port());
	}

	@Override
	StoreProbe store() {
		if (this.redis == null) {
			this.redis = new RedisStoreProbe(commands());
		}
		return this.redis;
	}

	@Override
	RoundTrips roundTrips() {
		if (this.monitor == null) {
			this.monitor = startMonitor();
		}
		return this.monitor;
	}

	/**
	 * The session, then its name's index (another key: on a cluster, another node).
	 */
	@Override
	long loginRoundTrips() {
		return 2;
	}

	/**
	 * Load, delete, then take the id out of its name's index (another key).
	 */
	@Override
	long logoutRoundTrips() {
		return 3;
	}

	@AfterEach
	void closeMonitor() throws Exception {
		if (this.monitor instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

	@Test
	void idleTimeToLiveIsRenewedWithTheAccess() {
		this.browser.login("Alice");
		String id = sessionId();
		this.redis.age(id, Duration.ofMinutes(5));
		assertThat(this.redis.timeToLive(id)).isLessThanOrEqualTo(Duration.ofMinutes(25));

		this.browser.get("/");

		assertThat(this.redis.timeToLive(id)).isGreaterThan(Duration.ofMinutes(29));
	}

	@Override
	String profile() {
		return "redis";
	}

	@Override
	Class<?> expectedRepository() {
		return RedisSessionStore.class;
	}

	@Override
	String storeHealthComponent() {
		return "redis";
	}

	@Override
	String otherStoreHealthComponent() {
		return "db";
	}

	@Override
	Map<String, Object> restartProperties() {
		return Map.of("spring.data.redis.port", EmbeddedRedis.port());
	}

	@Test
	void redisProfileNeedsNoDataSource(@Autowired ApplicationContext context) {
		assertThat(context.getBeanNamesForType(javax.sql.DataSource.class)).isEmpty();
	}

	@Test
	void redisExpiresTheSessionAfterTheIdleTimeout() {
		this.browser.login("Alice");

		Duration ttl = this.redis.timeToLive(sessionId());

		assertThat(ttl).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(30)).isGreaterThan(Duration.ofMinutes(29));
	}

	@Test
	void sessionWithUnreadableBookkeepingIsDropped() {
		this.browser.login("Alice");
		String id = sessionId();
		commands().hset("spring:session:sessions:" + id, "creationTime", "not json");

		assertThat(this.browser.get("/").location()).isEqualTo("/login");

		assertThat(this.redis.sessionIds()).isEmpty();
	}

	@Test
	void signInWritesTheSessionHashAndItsNamesIndexOnly() {
		this.browser.login("Alice");
		String id = sessionId();

		assertThat(this.redis.size()).isEqualTo(2);
		assertThat(this.redis.hash(id)).as("the name once")
			.containsOnlyKeys("creationTime", "lastAccessedTime", "maxInactiveInterval", "sessionAttr:name");
		String index = RedisKeys.DEFAULT.nameIndex("Alice");
		assertThat(commands().smembers(index)).containsExactly(id);
		assertThat(commands().pttl(index)).as("as long as the session can live: its absolute lifetime")
			.isCloseTo(Duration.ofHours(12).toMillis(), org.assertj.core.data.Offset.offset(5000L));
	}

	@Test
	void sessionsThatRedisExpiresAreCountedOnce() {
		double expired = metric("sessions_ended_total{reason=\"expired\"}");
		this.browser.login("Ada");

		commands().pexpire(RedisKeys.DEFAULT.session(sessionId()), 1);

		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.until(() -> metric("sessions_ended_total{reason=\"expired\"}") == expired + 1);
		assertThat(metric("sessions_active")).isZero();
	}

	/**
	 * Another deployment may keep its sessions in another database of the same Redis,
	 * under the same key prefix: its sessions' expiry is not this app's to count.
	 */
	@Test
	void sessionsExpiringInAnotherDatabaseOfTheSameRedisAreNotCounted() {
		double expired = metric("sessions_ended_total{reason=\"expired\"}");
		RedisCommands<String, String> otherDatabase = EmbeddedRedis.commands();
		otherDatabase.select(1);
		expireAnotherDeploymentsSession(otherDatabase);
		this.browser.login("Ada");

		commands().pexpire(RedisKeys.DEFAULT.session(sessionId()), 1);

		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.until(() -> metric("sessions_ended_total{reason=\"expired\"}") > expired);
		// Had the other database's notification been heard, it came first: a further
		// second is ample for it to be counted.
		org.awaitility.Awaitility.await()
			.pollDelay(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(metric("sessions_ended_total{reason=\"expired\"}"))
				.as("expired sessions counted: Ada's, not the other database's")
				.isEqualTo(expired + 1));
		otherDatabase.getStatefulConnection().close();
	}

	/**
	 * A session key under this app's prefix in the connection's database, expired by
	 * Redis (which has then sent its notification), as another deployment's would be.
	 */
	static void expireAnotherDeploymentsSession(RedisCommands<String, String> database) {
		String key = RedisKeys.DEFAULT.session("another-deployments-session");
		database.hset(key, "maxInactiveInterval", "1800");
		database.pexpire(key, 1);
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> database.exists(key) == 0);
	}

	/**
	 * Thousands of sessions can end in the same second (a campaign's visitors, a restart
	 * of everyone's idle clock): counting them must not start a thread for each.
	 */
	@Test
	void aBurstOfExpiredSessionsIsCountedWithoutAThreadForEach() {
		int sessions = 2000;
		// One browser for every look: each new one would start threads of its own.
		Browser operator = new Browser(this.managementPort);
		double expired = metric(operator, "sessions_ended_total{reason=\"expired\"}");
		double threadsStarted = metric(operator, "jvm_threads_started_threads_total");
		RedisClusterCommands<String, String> redis = commands();
		for (int i = 0; i < sessions; i++) {
			String key = RedisKeys.DEFAULT.session("burst-" + i);
			redis.hset(key, "maxInactiveInterval", "1800");
			redis.pexpire(key, 500);
		}

		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> metric(operator, "sessions_ended_total{reason=\"expired\"}") == expired + sessions);
		assertThat(metric(operator, "jvm_threads_started_threads_total") - threadsStarted)
			.as("threads started while counting %d expired sessions", sessions)
			.isLessThan(sessions / 10);
	}

	@Test
	void expiredSessionsLeaveTheNamesIndexWhenItIsRead() {
		this.browser.login("Alice");
		String first = sessionId();
		new Browser(this.port).login("Alice");
		commands().del(RedisKeys.DEFAULT.session(first));
		String index = RedisKeys.DEFAULT.nameIndex("Alice");
		assertThat(commands().smembers(index)).hasSize(2);

		assertThat(sessions().findByPrincipalName("Alice")).hasSize(1).doesNotContainKey(first);

		assertThat(commands().smembers(index)).hasSize(1).doesNotContain(first);
	}

	/**
	 * Ids of sessions that expired stay in the name's set until it is read; a name signed
	 * in over and over (anyone can sign in under any name) must not grow it without
	 * bound.
	 */
	@Test
	void signInsPruneTheNamesIndexOfExpiredSessions() {
		String index = RedisKeys.DEFAULT.nameIndex("Ada");
		for (int i = 0; i < 40; i++) {
			commands().sadd(index, "expired-" + i);
		}
		java.util.Set<String> live = new java.util.HashSet<>();
		for (int i = 0; i < 20; i++) {
			Browser device = new Browser(this.port);
			device.login("Ada");
			live.add(sessionId(device.cookie("SESSION").orElseThrow()));
		}

		java.util.Set<String> members = commands().smembers(index);
		assertThat(members).containsAll(live);
		assertThat(members.stream().filter((id) -> id.startsWith("expired-")))
			.as("expired ids left of 40 after 20 sign-ins")
			.hasSizeLessThan(25);
	}

	/**
	 * The index of a session an earlier version stored, the name in it twice, ends with
	 * it (README "Upgrading").
	 */
	@Test
	void signingOutOfASessionStoredByAnEarlierVersionTakesItOutOfTheNamesIndex() {
		this.browser.login("Alice");
		store().overwriteAttribute(sessionId(), FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME,
				"\"Alice\"".getBytes(StandardCharsets.UTF_8));

		this.browser.logout();

		assertThat(this.redis.size()).as("neither the session nor its name's index").isZero();
	}

	@Test
	void signingOutTakesTheIdOutOfTheNamesIndex() {
		this.browser.login("Alice");
		Browser other = new Browser(this.port);
		other.login("Alice");
		String index = RedisKeys.DEFAULT.nameIndex("Alice");

		this.browser.logout();
		assertThat(commands().smembers(index)).containsExactly(sessionId(other.cookie("SESSION").orElseThrow()));

		other.logout();
		assertThat(commands().exists(index)).as("an empty set is gone").isZero();
	}

	/**
	 * A session kept active lives past its idle timeout, up to its absolute lifetime; its
	 * name's index must live as long, although page loads renew only the session's key.
	 */
	@Test
	void aSessionKeptActivePastSeveralIdleTimeoutsIsStillFoundByName() throws InterruptedException {
		Map<String, Object> properties = restartSettings();
		properties.put("spring.session.timeout", "2s");
		properties.put("app.sessions.touch-interval", "100ms");
		try (RunningApp app = RunningApp.start(profile(), properties)) {
			Browser browser = new Browser(app.port());
			browser.login("Ada");
			String id = sessionId(browser.cookie("SESSION").orElseThrow());
			java.time.Instant end = java.time.Instant.now().plusSeconds(7);
			while (java.time.Instant.now().isBefore(end)) {
				assertThat(browser.get("/").body()).contains("You are registered as Ada.");
				Thread.sleep(300);
			}

			assertThat(app.bean(FindByIndexNameSessionRepository.class).findByPrincipalName("Ada"))
				.containsOnlyKeys(id);
		}
	}

	@Override
	String storeName() {
		return "Redis";
	}

}
