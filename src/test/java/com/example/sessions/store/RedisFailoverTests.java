package com.example.sessions.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.example.sessions.support.Browser;
import com.example.sessions.support.Browser.Page;
import com.example.sessions.support.EmbeddedRedis;
import com.example.sessions.support.EmbeddedRedisCluster;
import com.example.sessions.support.EmbeddedRedisSentinels;
import com.example.sessions.support.RunningApp;
import io.lettuce.core.api.sync.RedisCommands;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Highly available Redis, configured only through Spring Boot's properties: the master
 * holding a signed-in user's session is killed or frozen, a replica takes over, and the
 * user is still signed in. While the store fails over, requests get the 503 page, never
 * the login page.
 */
class RedisFailoverTests {

	private static final Duration RECOVERY_BOUND = Duration.ofSeconds(30);

	@Test
	void clusterMasterFailureKeepsUsersSignedIn() {
		try (EmbeddedRedisCluster cluster = EmbeddedRedisCluster.startOwn();
				RunningApp app = RunningApp.start("redis",
						Map.of("spring.data.redis.cluster.nodes", cluster.nodes()))) {
			List<Browser> users = signIn(app, 12);
			cluster.replicate();

			cluster.killMasterOf(RedisKeys.DEFAULT.session(SessionStoreTests.sessionId(cookie(users.get(0)))));

			assertRecovered("Redis Cluster", users);
		}
	}

	@Test
	void sentinelFailoverKeepsUsersSignedIn() {
		try (EmbeddedRedisSentinels redis = EmbeddedRedisSentinels.start(); RunningApp app = startOn(redis)) {
			List<Browser> users = signIn(app, 12);
			redis.replicate();

			EmbeddedRedis.signal(redis.masterPort(), "KILL");

			assertRecovered("Redis Sentinel", users);
		}
	}

	/**
	 * A master that hangs rather than dies (a frozen host, a partition) keeps its
	 * connections open: the client must follow Sentinel's word, not wait for them to
	 * break.
	 */
	@Test
	void sentinelFailoverOfAFrozenMasterKeepsUsersSignedIn() {
		try (EmbeddedRedisSentinels redis = EmbeddedRedisSentinels.start(); RunningApp app = startOn(redis)) {
			List<Browser> users = signIn(app, 12);
			redis.replicate();

			whileTheMasterIsFrozen(redis, () -> assertRecovered("Redis Sentinel, frozen master", users));
		}
	}

	/**
	 * The sessions the new master expires are counted too: the subscription to its
	 * notifications follows the master, as the commands do.
	 */
	@Test
	void expiredSessionsAreCountedOnceSentinelHasReplacedAFrozenMaster() {
		try (EmbeddedRedisSentinels redis = EmbeddedRedisSentinels.start(); RunningApp app = startOn(redis)) {
			List<Browser> users = signIn(app, 1);
			redis.replicate();

			whileTheMasterIsFrozen(redis, () -> {
				assertThat(Failover.watch(users.get(0), "user-0").recovery()).isLessThan(RECOVERY_BOUND);
				RedisCommands<String, String> newMaster = EmbeddedRedis.commands(redis.replicaPort());
				Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
					Browser probe = signIn(app, 1).get(0);
					String id = SessionStoreTests.sessionId(probe.cookie("SESSION").orElseThrow());
					newMaster.pexpire(RedisKeys.DEFAULT.session(id), 1);
					return SessionStoreTests.metric(app.managementPort(),
							"sessions_ended_total{reason=\"expired\"}") > 0;
				});
			});
		}
	}

	/**
	 * The application, configured only by Spring Boot's Sentinel properties.
	 */
	private static RunningApp startOn(EmbeddedRedisSentinels redis) {
		return RunningApp.start("redis", Map.of("spring.data.redis.sentinel.master", EmbeddedRedisSentinels.MASTER_NAME,
				"spring.data.redis.sentinel.nodes", redis.sentinelNodes()));
	}

	private static void whileTheMasterIsFrozen(EmbeddedRedisSentinels redis, Runnable checks) {
		EmbeddedRedis.signal(redis.masterPort(), "STOP");
		try {
			checks.run();
		}
		finally {
			EmbeddedRedis.signal(redis.masterPort(), "CONT");
		}
	}

	private static List<Browser> signIn(RunningApp app, int count) {
		List<Browser> users = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Browser user = new Browser(app.port());
			assertThat(user.login("user-" + i).location()).isEqualTo("/");
			users.add(user);
		}
		return users;
	}

	/**
	 * The first user's page is served again within {@link #RECOVERY_BOUND}, never the
	 * login page meanwhile, and every user is still signed in.
	 */
	private static void assertRecovered(String topology, List<Browser> users) {
		Failover failover = Failover.watch(users.get(0), "user-0");
		report(topology, failover);
		assertThat(failover.recovery()).isLessThan(RECOVERY_BOUND);
		assertThat(failover.loginPages()).as("never sent to the login page").isZero();
		assertSignedIn(users);
	}

	private static void assertSignedIn(List<Browser> users) {
		for (int i = 0; i < users.size(); i++) {
			assertThat(users.get(i).get("/").body()).contains("You are registered as user-" + i + ".");
		}
	}

	private static String cookie(Browser user) {
		return user.cookie("SESSION").orElseThrow();
	}

	private static void report(String topology, Failover failover) {
		System.out.printf("%s failover: %d requests failed (503) over %d ms, then served again%n", topology,
				failover.failed(), failover.recovery().toMillis());
	}

	/**
	 * One user's page loads, one after another, from the moment the master dies until the
	 * page shows the user's name again.
	 */
	private record Failover(int failed, int loginPages, Duration recovery) {

		static Failover watch(Browser user, String name) {
			long start = System.nanoTime();
			int failed = 0;
			int loginPages = 0;
			while (Duration.ofNanos(System.nanoTime() - start).compareTo(RECOVERY_BOUND) < 0) {
				Page page = user.get("/");
				if (page.status() == 200 && page.body().contains("You are registered as " + name + ".")) {
					break;
				}
				if ("/login".equals(page.location())) {
					loginPages++;
				}
				else {
					assertThat(page.status()).as("while failing over").isEqualTo(503);
					failed++;
				}
				sleep();
			}
			return new Failover(failed, loginPages, Duration.ofNanos(System.nanoTime() - start));
		}

		private static void sleep() {
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
