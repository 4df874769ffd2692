package com.example.sessions.store;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import com.example.sessions.shop.Cart;
import com.example.sessions.support.BlackHoleProxy;
import com.example.sessions.support.Browser;
import com.example.sessions.support.Browser.Page;
import com.example.sessions.support.EmbeddedRedis;
import com.example.sessions.support.FreePort;
import com.example.sessions.support.RunningApp;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.ClientListArgs;
import io.lettuce.core.api.sync.RedisCommands;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.session.SessionRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * The application on a Redis of its own that the test freezes, stops and restarts.
 */
class RedisOutageTests {

	private static final Duration BOUND = Duration.ofSeconds(2);

	private static final int THREADS = 8;

	/**
	 * The Redis command timeout of the redis profile: a request that tried the store
	 * waited at least this long.
	 */
	private static final long STORE_TIMEOUT_MILLIS = 500;

	private final int redisPort = FreePort.find();

	private RedisServer redis;

	private RunningApp app;

	private Browser browser;

	@BeforeEach
	void startRedisAndApp() {
		this.redis = EmbeddedRedis.startOn(this.redisPort);
		// Fewer server threads than the concurrent requests below.
		this.app = RunningApp.start("redis",
				Map.of("spring.data.redis.port", this.redisPort, "server.tomcat.threads.max", THREADS));
		this.browser = new Browser(this.app.port());
		this.browser.login("Alice");
	}

	@AfterEach
	void stopBoth() {
		EmbeddedRedis.signal(this.redisPort, "CONT");
		this.app.close();
		EmbeddedRedis.stop(this.redis);
	}

	@Test
	void hungStoreGetsAClear503FastAndTheSessionCarriesOnAfterwards() {
		EmbeddedRedis.signal(this.redisPort, "STOP");

		Page page = timed(() -> this.browser.get("/"));

		assertThat(page.status()).isEqualTo(503);
		assertThat(page.headers().firstValue("Retry-After")).contains("5");
		assertThat(page.body()).contains("The session store is not reachable right now").doesNotContain("Exception");
		assertThat(page.setCookie("SESSION")).as("the cookie is kept").isEmpty();
		Browser operator = new Browser(this.app.managementPort());
		assertThat(timed(() -> operator.get("/actuator/health")).status()).isEqualTo(503);
		assertThat(timed(() -> operator.get("/actuator/health/liveness")).status())
			.as("a store outage is no reason to restart the app")
			.isEqualTo(200);
		assertThat(timed(() -> operator.get("/actuator/health/readiness")).status())
			.as("nor to take every instance out of the load balancer")
			.isEqualTo(200);

		EmbeddedRedis.signal(this.redisPort, "CONT");

		assertThat(this.browser.get("/").body()).contains("You are registered as Alice.");
	}

	@Test
	void hungStoreDoesNotTieUpTheServer() {
		EmbeddedRedis.signal(this.redisPort, "STOP");
		String cookie = this.browser.cookie("SESSION").orElseThrow();

		List<Page> pages = SessionStoreTests.concurrently(8 * THREADS, (i) -> {
			Browser user = new Browser(this.app.port());
			user.setCookie("SESSION", cookie);
			return timed(() -> user.get("/"));
		});

		assertThat(pages).allSatisfy((page) -> assertThat(page.status()).isEqualTo(503));
		Browser newcomer = new Browser(this.app.port());
		assertThat(timed(() -> newcomer.get("/login")).status()).as("visitors without a session are served")
			.isEqualTo(200);
	}

	/**
	 * Requests that never reach the store (an anonymous page, a static file, a cookie
	 * that is no session id) say nothing about it: between them, signed-in visitors are
	 * still answered at once, while one request at a time tries the store.
	 */
	@Test
	void trafficThatNeverReachesTheStoreDoesNotEndTheOutage() {
		String cookie = this.browser.cookie("SESSION").orElseThrow();
		String stylesheet = SessionStoreTests.stylesheet(this.browser.get("/"));
		EmbeddedRedis.signal(this.redisPort, "STOP");
		assertThat(timed(() -> this.browser.get("/")).status()).isEqualTo(503);
		Browser stranger = new Browser(this.app.port());
		stranger.setCookie("SESSION", "bm90LWFuLWlk");

		for (int round = 0; round < 4; round++) {
			assertThat(new Browser(this.app.port()).get("/login").status()).isEqualTo(200);
			assertThat(this.browser.get(stylesheet).status()).isEqualTo(200);
			assertThat(stranger.get("/").status()).isIn(302, 503);
			assertAtMostOneOfSixteenWaitsForTheStore(cookie);
		}
	}

	/**
	 * A request that loaded its session before the store went down and changed nothing
	 * saves without reaching the store: that save is no answer from the store, so it
	 * leaves the outage as it is, and signed-in visitors are still answered at once.
	 */
	@Test
	void aSaveThatWritesNothingDoesNotEndTheOutage() {
		OutageTrackingSessionRepository<StoredSession> sessions = asTheSessionFilterSeesIt();
		String cookie = this.browser.cookie("SESSION").orElseThrow();
		StoredSession loadedBeforeTheOutage = sessions.findById(signedInId());
		assertThat(loadedBeforeTheOutage).isNotNull();
		EmbeddedRedis.signal(this.redisPort, "STOP");
		assertThat(timed(() -> this.browser.get("/")).status()).isEqualTo(503);

		sessions.save(loadedBeforeTheOutage);

		assertAtMostOneOfSixteenWaitsForTheStore(cookie);
	}

	/**
	 * The application's session store, without the outage guard.
	 */
	@SuppressWarnings("unchecked")
	private SessionRepository<StoredSession> store() {
		return this.app.bean(SessionRepository.class);
	}

	/**
	 * The store behind the outage guard, as Spring Session's filter sees it.
	 */
	private OutageTrackingSessionRepository<StoredSession> asTheSessionFilterSeesIt() {
		return new OutageTrackingSessionRepository<>(store(), this.app.bean(StoreOutage.class));
	}

	/**
	 * The id of the session the test's browser signed in with (its cookie holds it in
	 * Base64).
	 */
	private String signedInId() {
		return new String(Base64.getDecoder().decode(this.browser.cookie("SESSION").orElseThrow()));
	}

	/**
	 * Sixteen signed-in page loads at once while the store is down: each is answered with
	 * the 503 page, and at most one (the probe) waits for the store's timeout.
	 */
	private void assertAtMostOneOfSixteenWaitsForTheStore(String cookie) {
		List<Long> millis = SessionStoreTests.concurrently(16, (i) -> {
			Browser user = new Browser(this.app.port());
			user.setCookie("SESSION", cookie);
			long start = System.nanoTime();
			assertThat(user.get("/").status()).isEqualTo(503);
			return Duration.ofNanos(System.nanoTime() - start).toMillis();
		});
		assertThat(millis.stream().filter((ms) -> ms >= STORE_TIMEOUT_MILLIS))
			.as("requests that waited for the store's timeout: %s", millis)
			.hasSizeLessThanOrEqualTo(1);
	}

	/**
	 * A save whose answer did not come in time may still be written once the store
	 * catches up. Spring Session commits again when the request ends; that second commit
	 * must not write the change again (merged over itself, one mug added to one would
	 * make three), nor, failing again without the store, end or start an outage.
	 */
	@Test
	void aSaveThatTimedOutIsNotWrittenAgainByTheSameRequest() {
		SessionRepository<StoredSession> store = store();
		StoreOutage outage = this.app.bean(StoreOutage.class);
		OutageTrackingSessionRepository<StoredSession> sessions = asTheSessionFilterSeesIt();
		String id = signedInId();
		StoredSession withOneMug = sessions.findById(id);
		withOneMug.setAttribute(Cart.ATTRIBUTE, new Cart(Map.of("mug", 1)));
		sessions.save(withOneMug);
		StoredSession request = sessions.findById(id);
		request.setAttribute(Cart.ATTRIBUTE, new Cart(Map.of("mug", 2)));

		EmbeddedRedis.signal(this.redisPort, "STOP");
		assertThatExceptionOfType(QueryTimeoutException.class).isThrownBy(() -> sessions.save(request));
		EmbeddedRedis.signal(this.redisPort, "CONT");
		Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.until(() -> ((Cart) store.findById(id).getAttribute(Cart.ATTRIBUTE)).count() == 2);
		assertThat(sessions.findById(id)).as("another request, answered: the outage ends").isNotNull();
		assertThatExceptionOfType(QueryTimeoutException.class).as("the request's second commit fails as the first")
			.isThrownBy(() -> sessions.save(request));

		assertThat(((Cart) store.findById(id).getAttribute(Cart.ATTRIBUTE)).quantities())
			.containsExactly(entry("mug", 2));
		assertThat(outage.suspected()).as("a failure repeated without the store is no new evidence").isFalse();
	}

	/**
	 * A save turned away at once while another request tries the store fails at the
	 * request's second commit too, even once the store is back: nothing is written that
	 * the answer (a 503) says was not.
	 */
	@Test
	void aSaveTurnedAwayDuringAnOutageIsNotWrittenByTheSecondCommit() throws Exception {
		SessionRepository<StoredSession> store = store();
		StoreOutage outage = this.app.bean(StoreOutage.class);
		OutageTrackingSessionRepository<StoredSession> sessions = asTheSessionFilterSeesIt();
		String id = signedInId();
		StoredSession request = sessions.findById(id);
		request.setAttribute(Cart.ATTRIBUTE, new Cart(Map.of("mug", 1)));
		EmbeddedRedis.signal(this.redisPort, "STOP");
		assertThat(timed(() -> this.browser.get("/")).status()).isEqualTo(503);
		CountDownLatch probing = new CountDownLatch(1);
		CountDownLatch answer = new CountDownLatch(1);
		CompletableFuture<Object> anotherRequest = CompletableFuture
			.supplyAsync(() -> outage.call(StoreOutage.Kind.LOAD, () -> {
				probing.countDown();
				awaitQuietly(answer);
				return "answered";
			}));
		assertThat(probing.await(5, TimeUnit.SECONDS)).isTrue();

		assertThatExceptionOfType(StoreOutage.StillDown.class).isThrownBy(() -> sessions.save(request));
		answer.countDown();
		assertThat(anotherRequest.get(5, TimeUnit.SECONDS)).isEqualTo("answered");
		EmbeddedRedis.signal(this.redisPort, "CONT");
		assertThat(outage.suspected()).isFalse();

		assertThatExceptionOfType(StoreOutage.StillDown.class).as("the request's second commit fails as the first")
			.isThrownBy(() -> sessions.save(request));
		assertThat((Object) store.findById(id).getAttribute(Cart.ATTRIBUTE)).isNull();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Signing in needs the store too, without a session cookie: while the store is down,
	 * sign-ins also wait their turn instead of each holding a server thread for the
	 * store's timeout.
	 */
	@Test
	void signInsWhileTheStoreIsDownAreAnsweredAtOnce() {
		EmbeddedRedis.signal(this.redisPort, "STOP");
		assertThat(timed(() -> this.browser.get("/")).status()).isEqualTo(503);

		List<Long> millis = SessionStoreTests.concurrently(16, (i) -> {
			Browser newcomer = new Browser(this.app.port());
			String token = newcomer.get("/login").csrfToken();
			long start = System.nanoTime();
			assertThat(newcomer.post("/login", Map.of("_csrf", token, "name", "user-" + i)).status()).isEqualTo(503);
			return Duration.ofNanos(System.nanoTime() - start).toMillis();
		});

		assertThat(millis.stream().filter((ms) -> ms >= STORE_TIMEOUT_MILLIS))
			.as("sign-ins that waited for the store: %s", millis)
			.hasSizeLessThanOrEqualTo(1);
	}

	@Test
	void stoppedStoreGetsA503AndTheAppRecoversWhenItIsBack() {
		EmbeddedRedis.stop(this.redis);

		Page page = timed(() -> this.browser.get("/"));
		assertThat(page.status()).isEqualTo(503);
		assertThat(this.browser.cookie("SESSION")).isPresent();

		this.redis = EmbeddedRedis.startOn(this.redisPort);

		// This Redis keeps nothing on disk, so the session is gone; the app works at
		// once.
		assertThat(this.browser.get("/").location()).isEqualTo("/login");
		assertThat(this.browser.login("Alice").location()).isEqualTo("/");
		assertThat(this.browser.get("/").body()).contains("You are registered as Alice.");
	}

	@Test
	void aNewInstanceWhoseFirstConnectionTimesOutTakesNoRequestsBeforeRedisAnswers() throws Exception {
		this.app.close();
		// Redis too slow to finish the handshake within the connect timeout for a while,
		// as on a host busy with the other instances of a rolling deploy.
		EmbeddedRedis.signal(this.redisPort, "STOP");
		AtomicBoolean resuming = new AtomicBoolean();
		CompletableFuture<Void> resumed = CompletableFuture.runAsync(() -> {
			resuming.set(true);
			EmbeddedRedis.signal(this.redisPort, "CONT");
		}, CompletableFuture.delayedExecutor(4, TimeUnit.SECONDS));
		this.app = RunningApp.start("redis", Map.of("spring.data.redis.port", this.redisPort));
		assertThat(resuming).as("started only once Redis could answer").isTrue();

		// Its first request finds the connection open: no 503 page for the first users.
		Browser first = new Browser(this.app.port());
		assertThat(first.login("Ada").location()).isEqualTo("/");
		assertThat(first.get("/").body()).contains("You are registered as Ada.");
		resumed.get(10, TimeUnit.SECONDS);
	}

	@Test
	void anInstanceStartedWhileRedisIsDownServesAndCountsExpiredSessionsOnceItIsBack() {
		this.app.close();
		EmbeddedRedis.stop(this.redis);

		// A restart in a rolling deploy while Redis restarts, or on a host too busy to
		// finish Redis's handshake in time: the instance starts all the same.
		this.app = RunningApp.start("redis", Map.of("spring.data.redis.port", this.redisPort));
		Browser visitor = new Browser(this.app.port());
		assertThat(visitor.get("/login").status()).isEqualTo(200);
		assertThat(timed(() -> visitor.login("Ada")).status()).isEqualTo(503);

		this.redis = EmbeddedRedis.startOn(this.redisPort);
		assertThat(visitor.login("Ada").location()).isEqualTo("/");
		assertThat(visitor.get("/").body()).contains("You are registered as Ada.");

		// Its subscription to Redis's expiry notifications came back too.
		awaitExpiredSessionsCounted();
		assertThat(visitor.get("/").body()).contains("You are registered as Ada.");
	}

	@Test
	void expiredSessionsAreStillCountedAfterRedisRestartsWithoutNotifications() {
		// A restarted Redis, or the replica Sentinel promotes, has its own settings: here
		// the default, no keyspace notifications.
		EmbeddedRedis.stop(this.redis);
		this.redis = EmbeddedRedis.startOn(this.redisPort);

		assertThat(this.browser.login("Alice").location()).isEqualTo("/");
		awaitExpiredSessionsCounted();
		assertThat(EmbeddedRedis.commands(this.redisPort).configGet("notify-keyspace-events"))
			.hasEntrySatisfying("notify-keyspace-events", (events) -> assertThat(events).contains("E", "x"));
	}

	@Test
	void withConfigureActionNoneTheServersOwnNotificationSettingIsLeftAlone() {
		this.app.close();
		RedisCommands<String, String> redis = EmbeddedRedis.commands(this.redisPort);
		redis.configSet("notify-keyspace-events", "");
		this.app = RunningApp.start("redis",
				Map.of("spring.data.redis.port", this.redisPort, "spring.session.data.redis.configure-action", "none"));
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> subscribers(redis, 0) > 0);
		assertThat(redis.configGet("notify-keyspace-events")).containsEntry("notify-keyspace-events", "");

		// An operator switches them on: the application counts from then on.
		redis.configSet("notify-keyspace-events", "Ex");
		awaitExpiredSessionsCounted();
	}

	/**
	 * Redis's host dies behind a service address (a Kubernetes Service, a load balancer):
	 * the connection the application holds leads nowhere (until the operating system
	 * gives up on it, a quarter of an hour later; here a proxy swallows what it carries),
	 * while a new one to the same address reaches the Redis that replaced it. The
	 * application must not wait: when a request that tries the store after a timeout
	 * times out too, it opens a new connection.
	 */
	@Test
	void aConnectionThatNoLongerAnswersIsReplaced() throws Exception {
		this.app.close();
		try (BlackHoleProxy proxy = new BlackHoleProxy(this.redisPort)) {
			this.app = RunningApp.start("redis", Map.of("spring.data.redis.port", proxy.port()));
			Browser visitor = new Browser(this.app.port());
			assertThat(visitor.login("Ada").location()).isEqualTo("/");

			proxy.swallowOpenConnections();

			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> visitor.get("/").body().contains("You are registered as Ada."));
			// Before the proxy: it would keep the closed application reconnecting.
			this.app.close();
		}
	}

	/**
	 * A user allowed only the notifications' channels (Redis's ACL, as an operator would
	 * set it) still gets its expired sessions counted: the subscription's check uses a
	 * channel under the same pattern.
	 */
	@Test
	void aRedisUserAllowedOnlyTheNotificationChannelsHasItsExpiredSessionsCounted() {
		this.app.close();
		RedisCommands<String, String> redis = EmbeddedRedis.commands(this.redisPort);
		redis.aclSetuser("sessions",
				AclSetuserArgs.Builder.on()
					.addPassword("a-long-password")
					.allKeys()
					.resetChannels()
					.channelPattern("__keyevent@*__:expired")
					.allCommands());
		this.app = RunningApp.start("redis", Map.of("spring.data.redis.port", this.redisPort,
				"spring.data.redis.username", "sessions", "spring.data.redis.password", "a-long-password"));

		awaitExpiredSessionsCounted();
		// Through a check of where the subscription is: it keeps it, refused nothing.
		Set<String> subscribers = subscribers(redis);
		Awaitility.await()
			.during(RedisExpirySubscription.CHECK.plusSeconds(1))
			.atMost(RedisExpirySubscription.CHECK.plusSeconds(3))
			.until(() -> subscribers(redis).equals(subscribers));
		assertThat(redis.aclLog()).as("nothing refused").isEmpty();
	}

	/**
	 * A sign-in writes the session, then its id into the name's index, another key (on a
	 * cluster, on another node, which may be failing over): when that second write fails,
	 * the visitor gets no cookie, so the session written first is deleted again rather
	 * than left signed in until its idle timeout, unreachable and unfindable by name.
	 * (Simulated by a Redis user that may not write the index.)
	 */
	@Test
	void aSignInWhoseNameCannotBeIndexedLeavesNoSessionBehind() {
		this.app.close();
		RedisCommands<String, String> redis = EmbeddedRedis.commands(this.redisPort);
		redis.flushall();
		redis.aclSetuser("sessions",
				AclSetuserArgs.Builder.on()
					.addPassword("a-long-password")
					.keyPattern("spring:session:sessions:*")
					.keyPattern("spring:session:expired:*")
					.allChannels()
					.allCommands());
		this.app = RunningApp.start("redis", Map.of("spring.data.redis.port", this.redisPort,
				"spring.data.redis.username", "sessions", "spring.data.redis.password", "a-long-password"));
		Browser visitor = new Browser(this.app.port());

		Page signIn = visitor.login("Ada");

		assertThat(redis.aclLog()).as("the session was written: only the index was refused")
			.isNotEmpty()
			.allSatisfy(
					(refused) -> assertThat(String.valueOf(refused.get("object"))).startsWith("spring:session:index:"));
		assertThat(signIn.status()).isGreaterThanOrEqualTo(500);
		assertThat(visitor.cookie("SESSION")).isEmpty();
		assertThat(redis.keys("spring:session:sessions:*")).isEmpty();
	}

	/**
	 * The ids of the clients subscribed to something.
	 */
	private static Set<String> subscribers(RedisCommands<String, String> redis) {
		return redis.clientList(ClientListArgs.Builder.typePubsub())
			.lines()
			.map((client) -> client.replaceAll("^id=(\\d+) .*", "$1"))
			.collect(Collectors.toSet());
	}

	/**
	 * An application whose sessions live in another database than 0 counts their expiry,
	 * and not that of a session key under the same prefix in database 0 (another
	 * deployment's).
	 */
	@Test
	void anApplicationOnAnotherDatabaseCountsTheExpiryOfItsOwnSessionsOnly() {
		this.app.close();
		this.app = RunningApp.start("redis",
				Map.of("spring.data.redis.port", this.redisPort, "spring.data.redis.database", 3));
		RedisCommands<String, String> database0 = EmbeddedRedis.commands(this.redisPort);
		RedisCommands<String, String> database3 = EmbeddedRedis.commands(this.redisPort);
		database3.select(3);
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> subscribers(database0, 3) > 0);
		Browser ada = new Browser(this.app.port());
		ada.login("Ada");
		String session = RedisKeys.DEFAULT.session(SessionStoreTests.sessionId(ada.cookie("SESSION").orElseThrow()));
		assertThat(database3.exists(session)).as("Ada's session is in database 3").isOne();
		RedisSessionStoreTests.expireAnotherDeploymentsSession(database0);

		database3.pexpire(session, 1);

		String expired = "sessions_ended_total{reason=\"expired\"}";
		Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.until(() -> SessionStoreTests.metric(this.app.managementPort(), expired) > 0);
		// Had database 0's notification been heard, it came first: a further second is
		// ample for it to be counted.
		Awaitility.await()
			.pollDelay(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(SessionStoreTests.metric(this.app.managementPort(), expired))
				.as("expired sessions counted: Ada's, not database 0's")
				.isEqualTo(1));
	}

	/**
	 * How many clients subscribe to the expiry notifications of one database.
	 */
	private static long subscribers(RedisCommands<String, String> redis, int database) {
		String channel = RedisExpiredSessions.channel(database).getTopic();
		return redis.pubsubNumsub(channel).get(channel);
	}

	/**
	 * Expires probe sessions in Redis until the application has counted one.
	 */
	private void awaitExpiredSessionsCounted() {
		Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
			// A session of its own per attempt: a notification sent before the
			// subscription holds again reaches nobody.
			Browser probe = new Browser(this.app.port());
			probe.login("Probe");
			EmbeddedRedis.commands(this.redisPort)
				.pexpire(RedisKeys.DEFAULT.session(SessionStoreTests.sessionId(probe.cookie("SESSION").orElseThrow())),
						1);
			return SessionStoreTests.metric(this.app.managementPort(), "sessions_ended_total{reason=\"expired\"}") > 0;
		});
	}

	private static Page timed(java.util.function.Supplier<Page> request) {
		long start = System.nanoTime();
		Page page = request.get();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
		return page;
	}

}
