package com.example.sessions.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.example.sessions.support.Browser;
import com.example.sessions.support.ListeningPorts;
import com.example.sessions.support.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

	/**
	 * The default profile as a newcomer runs it on a laptop: the app's two ports and no
	 * other (an H2 server would listen on every interface, for a password-less database).
	 */
	@Test
	void theDefaultStoreOpensNoPortOfItsOwn() throws IOException {
		assumeTrue(ListeningPorts.available(), "needs Linux's /proc to list this process's sockets");
		String url = PropertiesLoaderUtils.loadProperties(new ClassPathResource("application.properties"))
			.getProperty("spring.datasource.url")
			.replace("./data/", DATA.resolve("ports") + "/");
		Set<String> before = ListeningPorts.ofThisProcess();

		try (RunningApp app = RunningApp.start("", Map.of("spring.datasource.url", url))) {
			new Browser(app.port()).login("Ada");

			Set<String> opened = new HashSet<>(ListeningPorts.ofThisProcess());
			opened.removeAll(before);
			assertThat(opened).extracting((socket) -> Integer.parseInt(socket.substring(socket.indexOf(':') + 1)))
				.containsExactlyInAnyOrder(app.port(), app.managementPort());
		}
	}

	@Override
	String storeName() {
		return "H2";
	}

	/**
	 * H2 runs in this process, so these are calls, not network round trips: the read and
	 * the count. (A session's first page takes five: the read, a count that finds no
	 * counter, then a lock on the session row, the first count and the commit.)
	 */
	@Override
	long pageLoadRoundTrips() {
		return 2;
	}

}
