package com.example.sessions.store;

import java.time.Duration;
import java.util.Map;

import com.example.sessions.support.Browser;
import com.example.sessions.support.EmbeddedRedis;
import com.example.sessions.support.RedisMonitor;
import com.example.sessions.support.RoundTrips;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

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
		assertThat(this.redis.hash(id)).containsOnlyKeys("creationTime", "lastAccessedTime", "maxInactiveInterval",
				"sessionAttr:name",
				"sessionAttr:org.springframework.session.FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME");
		String index = RedisSessionStore.NAME_INDEX_PREFIX + "Alice";
		assertThat(commands().smembers(index)).containsExactly(id);
		assertThat(commands().pttl(index)).isCloseTo(commands().pttl(RedisSessionStore.KEY_PREFIX + id),
				org.assertj.core.data.Offset.offset(1000L));
	}

	@Test
	void sessionsThatRedisExpiresAreCountedOnce() {
		double expired = metric("sessions_ended_total{reason=\"expired\"}");
		this.browser.login("Ada");

		commands().pexpire(RedisSessionStore.KEY_PREFIX + sessionId(), 1);

		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.until(() -> metric("sessions_ended_total{reason=\"expired\"}") == expired + 1);
		assertThat(metric("sessions_active")).isZero();
	}

	@Test
	void endedSessionsLeaveTheNamesIndexWhenItIsRead() {
		this.browser.login("Alice");
		String first = sessionId();
		Browser second = new Browser(this.port);
		second.login("Alice");
		this.browser.logout();
		String index = RedisSessionStore.NAME_INDEX_PREFIX + "Alice";
		assertThat(commands().smembers(index)).hasSize(2);

		assertThat(sessions().findByPrincipalName("Alice")).hasSize(1).doesNotContainKey(first);

		assertThat(commands().smembers(index)).hasSize(1).doesNotContain(first);
	}

	@Override
	String storeName() {
		return "Redis";
	}

}
