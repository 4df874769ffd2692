package com.example.sessions.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.example.sessions.support.Browser;
import com.example.sessions.support.Browser.Page;
import com.example.sessions.support.FreePort;
import com.example.sessions.support.RunningApp;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application on a PostgreSQL of its own that the test freezes, stops and restarts.
 */
class PostgresOutageTests {

	// The driver waits 2 s for an answer before giving up on a hung database.
	private static final Duration BOUND = Duration.ofMillis(2500);

	private final int port = FreePort.find();

	private Path data;

	private EmbeddedPostgres postgres;

	private RunningApp app;

	private Browser browser;

	@BeforeEach
	void startDatabaseAndApp() throws IOException {
		this.data = Files.createTempDirectory("postgres-outage-");
		this.postgres = start();
		this.app = startApp(Map.of());
		this.browser = new Browser(this.app.port());
		this.browser.login("Alice");
	}

	private RunningApp startApp(Map<String, Object> settings) {
		Map<String, Object> properties = new HashMap<>(settings);
		properties.putAll(Map.of("spring.datasource.url", this.postgres.getJdbcUrl("postgres", "postgres"),
				"spring.datasource.username", "postgres", "logging.level.io.zonky", "warn"));
		return RunningApp.start("postgres", properties);
	}

	@AfterEach
	void stopBoth() throws IOException {
		signal("CONT");
		this.app.close();
		this.postgres.close();
		org.springframework.util.FileSystemUtils.deleteRecursively(this.data);
	}

	@Test
	void hungDatabaseGetsAClear503FastAndTheSessionCarriesOnAfterwards() {
		signal("STOP");

		Page page = timed(() -> this.browser.get("/"));

		assertThat(page.status()).isEqualTo(503);
		assertThat(page.headers().firstValue("Retry-After")).contains("5");
		assertThat(page.body()).contains("The session store is not reachable right now");
		assertThat(page.setCookie("SESSION")).as("the cookie is kept").isEmpty();

		signal("CONT");

		assertThat(this.browser.get("/").body()).contains("You are registered as Alice.");
	}

	@Test
	void stoppedDatabaseGetsA503AndTheSessionIsBackWithTheDatabase() throws IOException {
		this.postgres.close();

		assertThat(timed(() -> this.browser.get("/")).status()).isEqualTo(503);
		assertThat(timed(() -> new Browser(this.app.managementPort()).get("/actuator/health")).status()).isEqualTo(503);

		this.postgres = start();

		long restarted = System.nanoTime();
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> this.browser.get("/").status() == 200);
		System.out.println("RECOVERED after ms " + (System.nanoTime() - restarted) / 1_000_000);
		assertThat(this.browser.get("/").body()).contains("You are registered as Alice.");
	}

	@Test
	void aPageViewDoesNotWaitForItsCommitToBeDurableASignInDoes() {
		this.browser.get("/");
		// The next page view records the access too.
		sql("UPDATE spring_session SET last_access_time = last_access_time - 60000");
		requireAStandbyThatNeverComes();

		for (int pages = 2; pages <= 4; pages++) {
			assertThat(timed(() -> this.browser.get("/")).body())
				.contains("This session has loaded " + pages + " pages.");
		}
		// Last: signing in over Alice's session deletes it, and that delete stays
		// waiting.
		assertThat(timed(() -> this.browser.newTab().login("Bob")).status()).as("the sign-in waits for the standby")
			.isEqualTo(503);
	}

	/**
	 * A new visitor's sign-in writes its session in a transaction, whose commit is what
	 * waits: a commit that times out is the store's outage like any other (once a 500).
	 */
	@Test
	void aSignInWhoseCommitHangsGetsThe503Page() {
		requireAStandbyThatNeverComes();

		Page page = timed(() -> new Browser(this.app.port()).login("Bob"));

		assertThat(page.status()).isEqualTo(503);
		assertThat(page.body()).contains("The session store is not reachable right now").doesNotContain("Exception");
	}

	/**
	 * A page view that does not wait for the standby is no evidence that a commit that
	 * does wait gets through: page views answered while sign-ins hang do not end the
	 * outage for sign-ins, which are answered at once but for one that tries the
	 * database.
	 */
	@Test
	void pageViewsAnsweredDoNotSendEverySignInToWaitForAHungCommit() {
		requireAStandbyThatNeverComes();
		assertThat(timed(() -> new Browser(this.app.port()).login("Bob")).status()).isEqualTo(503);

		assertThat(timed(() -> this.browser.get("/")).body()).contains("You are registered as Alice.");

		List<Browser> users = new java.util.ArrayList<>();
		List<String> tokens = new java.util.ArrayList<>();
		for (int i = 0; i < 8; i++) {
			users.add(new Browser(this.app.port()));
			tokens.add(users.get(i).get("/login").csrfToken());
		}
		List<Long> millis = SessionStoreTests.concurrently(8, (i) -> {
			long start = System.nanoTime();
			Page page = users.get(i).post("/login", Map.of("_csrf", tokens.get(i), "name", "User " + i));
			assertThat(page.status()).isEqualTo(503);
			return Duration.ofNanos(System.nanoTime() - start).toMillis();
		});
		assertThat(millis.stream().filter((ms) -> ms >= 1500))
			.as("sign-ins that waited for the hung commit: %s", millis)
			.hasSizeLessThanOrEqualTo(1);
		assertThat(timed(() -> this.browser.get("/")).status()).as("page views go on").isEqualTo(200);
	}

	@Test
	void withDurablePageViewsAPageViewWaitsLikeEveryWrite() {
		this.app.close();
		this.app = startApp(Map.of("app.sessions.durable-page-views", "true"));
		this.browser = new Browser(this.app.port());
		this.browser.login("Alice");
		this.browser.get("/");
		requireAStandbyThatNeverComes();

		assertThat(timed(() -> this.browser.get("/")).status()).isEqualTo(503);
	}

	/**
	 * Every commit that waits for its WAL to be safe now waits for good.
	 */
	private void requireAStandbyThatNeverComes() {
		sql("ALTER SYSTEM SET synchronous_standby_names = 'absent'");
		sql("SELECT pg_reload_conf()");
		// The server reloads its settings in the background, and signals the open
		// connections' processes once it has: a new connection then sees the setting.
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.until(() -> "absent".equals(sql("SHOW synchronous_standby_names")));
	}

	private @Nullable String sql(String statement) {
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
				Statement sql = connection.createStatement()) {
			if (!sql.execute(statement)) {
				return null;
			}
			try (ResultSet result = sql.getResultSet()) {
				return result.next() ? result.getString(1) : null;
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Starts the server on the same port and data every time; the data survives a stop.
	 * Commits wait for the disk, as on a production server (embedded PostgreSQL does not
	 * by default).
	 */
	private EmbeddedPostgres start() throws IOException {
		return EmbeddedPostgres.builder()
			.setPort(this.port)
			.setDataDirectory(this.data)
			.setCleanDataDirectory(false)
			.setServerConfig("synchronous_commit", "on")
			.start();
	}

	/**
	 * Sends a signal to every process of this database server (the postmaster and its
	 * backends), e.g. STOP for a database that accepts connections and never answers.
	 */
	private void signal(String signal) {
		List<String> pids = ProcessHandle.allProcesses()
			.filter((process) -> process.info().commandLine().orElse("").contains(this.data.toString())
					|| process.parent()
						.flatMap((parent) -> parent.info().commandLine())
						.orElse("")
						.contains(this.data.toString()))
			.map((process) -> String.valueOf(process.pid()))
			.toList();
		try {
			List<String> command = new java.util.ArrayList<>(List.of("kill", "-" + signal));
			command.addAll(pids);
			new ProcessBuilder(command).start().waitFor();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Page timed(java.util.function.Supplier<Page> request) {
		long start = System.nanoTime();
		Page page = request.get();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
		return page;
	}

}
