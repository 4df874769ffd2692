package com.example.sessions;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.example.sessions.support.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs}: one JSON object per log line, for a log
 * shipper; the session id appears in none of them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "logging.structured.format.console=ecs", "spring.datasource.url=jdbc:h2:mem:structured-logging",
				"logging.level.org.springframework.web=debug" })
@ExtendWith(OutputCaptureExtension.class)
// Closed after these tests, so that later applications set up their logging afresh.
@DirtiesContext
class StructuredLoggingTests {

	@LocalServerPort
	int port;

	/**
	 * Spring Boot hands the format to Logback as a system property, which outlives this
	 * test's application: cleared, the applications of later tests log as text again.
	 */
	@AfterAll
	static void plainLogsForTheOtherTests() {
		System.clearProperty("CONSOLE_LOG_STRUCTURED_FORMAT");
	}

	@Test
	void everyLineIsJsonAndNoneCarriesTheSessionId(CapturedOutput output) {
		int before = output.getOut().length();
		Browser browser = new Browser(this.port);
		browser.login("Alice");
		String cookie = browser.cookie("SESSION").orElseThrow();
		browser.get("/");
		browser.logout();

		List<Map<String, Object>> entries = output.getOut()
			.substring(before)
			.lines()
			.filter((line) -> !line.isBlank())
			.map(StructuredLoggingTests::parse)
			.toList();
		assertThat(entries).isNotEmpty().allSatisfy((entry) -> assertThat(entry).containsKeys("@timestamp", "log"));
		assertThat(entries).extracting((entry) -> entry.get("message"))
			.contains("POST \"/login\", parameters={masked}");
		assertThat(output.getAll()).doesNotContain(cookie,
				new String(Base64.getDecoder().decode(cookie), StandardCharsets.UTF_8));
	}

	private static Map<String, Object> parse(String line) {
		return new JsonMapper().readValue(line, new TypeReference<>() {
		});
	}

}
