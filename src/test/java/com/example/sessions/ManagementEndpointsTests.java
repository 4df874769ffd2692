package com.example.sessions;

import com.example.sessions.support.Browser;
import com.example.sessions.support.Browser.Page;
import com.example.sessions.support.RunningApp;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * What operators get on the management port, and what nobody gets anywhere.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:management")
class ManagementEndpointsTests {

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Test
	void managementPortIsNotThePublicOne() {
		assertThat(this.managementPort).isNotEqualTo(this.port);
		assertThat(new Browser(this.port).get("/actuator/health").status()).isEqualTo(404);
		assertThat(new Browser(this.port).get("/actuator").status()).isEqualTo(404);
	}

	@Test
	void healthShowsTheStoreAndProbesLeaveItOut() {
		Page health = management("/actuator/health");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"", "\"db\"");

		Page liveness = management("/actuator/health/liveness");
		Page readiness = management("/actuator/health/readiness");
		assertThat(liveness.status()).isEqualTo(200);
		assertThat(readiness.status()).isEqualTo(200);
		assertThat(liveness.body() + readiness.body()).doesNotContain("\"db\"");
	}

	@Test
	void infoNamesTheBuildAndTheRuntime() {
		Page info = management("/actuator/info");

		assertThat(info.status()).isEqualTo(200);
		assertThat(info.body()).contains("\"build\"", "\"artifact\":\"spring-session-reference\"", "\"java\"");
	}

	@Test
	void prometheusScrapesRequestMetrics() {
		new Browser(this.port).get("/login");

		Page scrape = management("/actuator/prometheus");

		assertThat(scrape.status()).isEqualTo(200);
		assertThat(scrape.body()).contains("http_server_requests_seconds_count{", "uri=\"/login\"");
		assertThat(management("/actuator/metrics/http.server.requests").status()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "env", "beans", "configprops", "heapdump", "threaddump", "loggers", "mappings", "shutdown",
			"scheduledtasks", "conditions", "logfile" })
	void everyOtherEndpointIsOff(String endpoint) {
		assertThat(management("/actuator/" + endpoint).status()).isEqualTo(404);
		assertThat(management("/actuator").body()).doesNotContain("/actuator/" + endpoint);
	}

	@Test
	void withoutAnAdministratorPasswordTheSessionsEndpointIsOff() {
		new Browser(this.port).login("Ada");

		assertThat(management("/actuator/sessions?username=Ada").status()).isEqualTo(404);
		assertThat(new Browser(this.managementPort).withCredentials("admin", "")
			.get("/actuator/sessions?username=Ada")
			.status()).isEqualTo(404);
		assertThat(management("/actuator").body()).doesNotContain("/actuator/sessions");
	}

	/**
	 * Only health, info and metrics are open by name: an endpoint someone switches on
	 * later (here the loggers; a heap dump would hold session ids) is the
	 * administrator's.
	 */
	@Test
	void anEndpointSwitchedOnLaterNeedsTheAdministrator() {
		try (RunningApp app = RunningApp.start("",
				Map.of("spring.datasource.url", "jdbc:h2:mem:loggers", "management.endpoint.loggers.access",
						"read-only", "management.endpoints.web.exposure.include", "health,loggers",
						"app.admin.password", "a-long-enough-password"))) {
			Browser anyone = new Browser(app.managementPort());
			assertThat(anyone.get("/actuator/loggers").status()).isEqualTo(401);
			assertThat(anyone.withCredentials("admin", "a-long-enough-password").get("/actuator/loggers").status())
				.isEqualTo(200);
			assertThat(anyone.get("/actuator/health").status()).isEqualTo(200);
		}
	}

	@Test
	void aShortAdministratorPasswordStopsTheStart() {
		assertThatException()
			.isThrownBy(() -> RunningApp.start("",
					Map.of("spring.datasource.url", "jdbc:h2:mem:short-password", "app.admin.password", "secret")))
			.withStackTraceContaining("APP_ADMIN_PASSWORD");
	}

	private Page management(String path) {
		return new Browser(this.managementPort).get(path);
	}

}
