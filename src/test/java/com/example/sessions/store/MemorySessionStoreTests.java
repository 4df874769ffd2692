package com.example.sessions.store;

import javax.sql.DataSource;

import com.example.sessions.support.Browser;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.SessionRepository;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code memory} profile, the benchmarks' baseline: no store at all.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("memory")
class MemorySessionStoreTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Test
	void keepsSessionsInMemoryWithoutAnyStore() {
		assertThat(this.context.getBeansOfType(SessionRepository.class).values()).singleElement()
			.isInstanceOf(MapSessionRepository.class);
		assertThat(this.context.getBeanNamesForType(DataSource.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(RedisConnectionFactory.class)).isEmpty();
	}

	@Test
	void signInAndOut() {
		Browser browser = new Browser(this.port);

		browser.login("Alice");
		assertThat(browser.get("/").body()).contains("You are registered as Alice.");
		browser.logout();

		assertThat(browser.get("/").location()).isEqualTo("/login");
	}

}
