package com.example.sessions.store;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.example.sessions.support.Browser;
import com.example.sessions.support.EmbeddedRedis;
import com.example.sessions.support.EmbeddedRedisCluster;
import com.example.sessions.support.RedisClusterMonitor;
import com.example.sessions.support.RoundTrips;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Redis test again, on a Redis Cluster (three masters, each with a replica),
 * configured the way an operator would: {@code spring.data.redis.cluster.nodes}. Session
 * keys hash to every master; a script or command never spans two of them.
 */
class RedisClusterSessionStoreTests extends RedisSessionStoreTests {

	@DynamicPropertySource
	static void cluster(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.cluster.nodes", () -> EmbeddedRedisCluster.shared().nodes());
	}

	@Override
	RedisClusterCommands<String, String> commands() {
		return EmbeddedRedisCluster.shared().commands();
	}

	@Override
	RoundTrips startMonitor() {
		return new RedisClusterMonitor(EmbeddedRedisCluster.shared().masterPorts());
	}

	@Override
	Map<String, Object> restartProperties() {
		return Map.of("spring.data.redis.cluster.nodes", EmbeddedRedisCluster.shared().nodes());
	}

	@Test
	void sessionsSpreadOverEveryMaster() {
		for (int i = 0; i < 40; i++) {
			new Browser(this.port).login("user-" + i);
		}

		List<Integer> masters = EmbeddedRedisCluster.shared().masterPorts();
		assertThat(masters).hasSize(3)
			.allSatisfy((port) -> assertThat(EmbeddedRedis.commands(port).dbsize()).isPositive());
		assertThat(this.redis.sessionIds()).hasSize(40);
	}

	/**
	 * A cluster node notifies only the clients subscribed on that node, so the app does
	 * not count what Redis expires there (see the README); the active count still drops.
	 */
	@Override
	@Test
	void sessionsThatRedisExpiresAreCountedOnce() {
		double expired = metric("sessions_ended_total{reason=\"expired\"}");
		this.browser.login("Ada");

		commands().pexpire(RedisKeys.DEFAULT.session(sessionId()), 1);

		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> metric("sessions_active") == 0);
		assertThat(metric("sessions_ended_total{reason=\"expired\"}")).isEqualTo(expired);
	}

	@Override
	@Test
	@Disabled("A cluster node notifies only its own subscribers: the app counts nothing there "
			+ "(sessionsThatRedisExpiresAreCountedOnce)")
	void aBurstOfExpiredSessionsIsCountedWithoutAThreadForEach() {
	}

	@Override
	@Test
	@Disabled("A Redis Cluster has one database only, and the app counts nothing it expires "
			+ "(sessionsThatRedisExpiresAreCountedOnce)")
	void sessionsExpiringInAnotherDatabaseOfTheSameRedisAreNotCounted() {
	}

}
