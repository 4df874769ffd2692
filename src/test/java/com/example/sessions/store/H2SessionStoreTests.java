package com.example.sessions.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The default profile: an embedded H2 file database.
 */
class H2SessionStoreTests extends JdbcSessionStoreTests {

	private static final Path DATA = Path.of(System.getProperty("java.io.tmpdir"),
			"session-tests-" + UUID.randomUUID());

	@DynamicPropertySource
	static void h2File(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + DATA.resolve("sessions"));
	}

	@Override
	String profile() {
		return "";
	}

	/**
	 * A database file of its own, so that the restart really closes and reopens it.
	 */
	@Override
	Map<String, Object> restartProperties() {
		return Map.of("spring.datasource.url", "jdbc:h2:file:" + DATA.resolve("restart"));
	}

	@Override
	String storeName() {
		return "H2";
	}

	/**
	 * H2 runs in this process, so these are calls, not network round trips: the read,
	 * then, in one transaction, a lock on the session row, the count and the commit.
	 */
	@Override
	long pageLoadRoundTrips() {
		return 4;
	}

}
