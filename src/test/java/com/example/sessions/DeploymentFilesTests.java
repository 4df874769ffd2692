package com.example.sessions;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the container files against the application, since there is no Docker engine to
 * try them with here: built on the project's Java release, run on a newer one with the
 * cache its training run wrote, non-root, a health check on the right port, and compose
 * settings that name real Spring Boot properties. (The loopback runs in
 * {@code bench/scale.sh} start the jar with the same environment and command.)
 */
class DeploymentFilesTests {

	private static final Pattern JAVA_RELEASE = Pattern.compile("<java.version>(\\d+)</java.version>");

	private static final Set<String> APPS = Set.of("app", "app-postgres", "app-scaled");

	@Test
	void imageBuildsOnTheProjectsJavaReleaseAndRunsOnTheOneItsCacheWasTrainedOn() throws IOException {
		String release = find(JAVA_RELEASE, read("pom.xml"));
		List<String> stages = dockerfile().lines().filter((line) -> line.startsWith("FROM ")).toList();

		assertThat(stages).hasSize(4);
		assertThat(stages.get(0)).isEqualTo("FROM eclipse-temurin:" + release + "-jdk AS build");
		assertThat(
				Integer.parseInt(find(Pattern.compile("^FROM eclipse-temurin:(\\d+)-jre AS runtime$"), stages.get(1))))
			.isGreaterThanOrEqualTo(Integer.parseInt(release));
		// The training run and the image share the JVM and the files: a cache only works
		// with the JVM build and class path it was written with.
		assertThat(stages.subList(2, 4)).containsExactly("FROM runtime AS training", "FROM runtime AS app");
		assertThat(dockerfile()).contains("COPY --from=training /app/app.aot ./", "COPY deploy/training-run.sh ");
		assertThat(read(".dockerignore")).contains("!deploy/training-run.sh");
	}

	@Test
	void imageStartsTheJvmAsItsTrainingRunDid() throws IOException {
		String training = find(
				Pattern.compile("(?m)^RUN (?:.* && )?training-run.sh \\d+ java (.*?)\\s+-jar application.jar"),
				dockerfile().replace("\\\n", ""));
		String entrypoint = find(
				Pattern.compile("(?m)^ENTRYPOINT \\[\"java\", (.*), \"-jar\", \"application.jar\"\\]$"), dockerfile())
			.replace("\"", "")
			.replace(",", "");

		assertThat(training.replaceAll("\\s+", " "))
			.isEqualTo(entrypoint.replace("-XX:AOTCache=", "-XX:AOTCacheOutput="));
	}

	@Test
	void imageRunsAsAnUnprivilegedUserAndBakesInNoSecrets() throws IOException {
		String dockerfile = dockerfile();

		assertThat(dockerfile).containsPattern("(?m)^USER [1-9][0-9]*$");
		assertThat(dockerfile.lines().filter((line) -> line.startsWith("ENV ") || line.startsWith("ARG ")))
			.noneMatch((line) -> line.matches("(?i).*(password|secret|token|key).*"));
	}

	@Test
	void healthCheckAsksTheLivenessProbeOnTheManagementPort() throws IOException {
		String port = PropertiesLoaderUtils.loadProperties(new ClassPathResource("application.properties"))
			.getProperty("management.server.port");

		assertThat(dockerfile()).contains("HEALTHCHECK ", "/dev/tcp/127.0.0.1/${MANAGEMENT_SERVER_PORT:-" + port + "}",
				"GET /actuator/health/liveness ");
		assertThat(dockerfile()).containsPattern("EXPOSE 8080 " + port);
	}

	@Test
	void jvmIsSizedFromTheContainer() throws IOException {
		assertThat(dockerfile())
			.containsPattern("ENTRYPOINT \\[\"java\", .*\"-XX:MaxRAMPercentage=\\d+\".*\"application.jar\"");
	}

	@Test
	void everyComposeSettingOfTheAppIsASpringBootProperty() throws IOException {
		Set<String> known = environmentVariablesOfKnownProperties();

		apps().forEach((name, service) -> assertThat(environment(service).keySet()).as(name)
			.isNotEmpty()
			.allSatisfy((variable) -> assertThat(known).as(variable).contains(variable)));
	}

	@Test
	void appsStartOnlyOnceTheirStoreIsHealthy() throws IOException {
		Map<String, Map<String, Object>> services = services();

		apps().forEach((name, service) -> {
			Map<String, Map<String, String>> dependsOn = cast(service.get("depends_on"));
			assertThat(dependsOn).as(name).isNotEmpty().allSatisfy((store, condition) -> {
				assertThat(condition).containsEntry("condition", "service_healthy");
				assertThat(services.get(store)).containsKey("healthcheck");
			});
		});
	}

	@Test
	void credentialsComeFromTheEnvironment() throws IOException {
		apps().forEach((name, service) -> environment(service).forEach((variable, value) -> {
			if (variable.equals("APP_ADMIN_PASSWORD")) {
				// No default: without a password the endpoint that ends sessions is off.
				assertThat(value).as(variable).isEqualTo("${APP_ADMIN_PASSWORD:-}");
			}
			else if (variable.contains("PASSWORD")) {
				assertThat(value).as(variable).matches("\\$\\{[A-Z_]+:-[^}]+\\}");
			}
		}));
		assertThat(services().get("redis").get("command").toString()).contains("--requirepass",
				"${REDIS_PASSWORD:-dev-only-password}");
	}

	@Test
	void loadBalancerSpreadsOverTheScaledAppWithoutStickiness() throws IOException {
		Map<String, Object> nginx = services().get("nginx");
		String nginxConf = read("deploy/nginx.conf");

		assertThat(nginx.get("volumes").toString()).contains("./deploy/nginx.conf:/etc/nginx/nginx.conf:ro");
		assertThat(nginxConf).contains("server app-scaled:8080;", "proxy_next_upstream error timeout;")
			.doesNotContainPattern("(?m)^\\s*(ip_hash|hash|sticky)\\b");
		assertThat(apps().get("app-scaled").get("deploy").toString()).contains("replicas=2");
	}

	private static Set<String> environmentVariablesOfKnownProperties() throws IOException {
		Set<String> variables = new HashSet<>();
		JsonMapper json = new JsonMapper();
		for (URL metadata : Collections.list(DeploymentFilesTests.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream in = metadata.openStream()) {
				for (JsonNode property : json.readTree(in).path("properties")) {
					if (property.has("deprecation")) {
						continue;
					}
					variables.add(property.path("name").asString().replace(".", "_").replace("-", "").toUpperCase());
				}
			}
		}
		return variables;
	}

	private static Map<String, Map<String, Object>> apps() throws IOException {
		Map<String, Map<String, Object>> apps = new java.util.TreeMap<>(services());
		apps.keySet().retainAll(APPS);
		assertThat(apps).containsOnlyKeys(APPS);
		return apps;
	}

	private static Map<String, String> environment(Map<String, Object> service) {
		return cast(service.get("environment"));
	}

	private static Map<String, Map<String, Object>> services() throws IOException {
		Map<String, Object> compose = new Yaml().load(read("docker-compose.yml"));
		return cast(compose.get("services"));
	}

	@SuppressWarnings("unchecked")
	private static <T> T cast(Object value) {
		return (T) value;
	}

	private static String dockerfile() throws IOException {
		return read("Dockerfile");
	}

	private static String read(String file) throws IOException {
		return Files.readString(Path.of(file));
	}

	private static String find(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		assertThat(matcher.find()).as(pattern.pattern()).isTrue();
		return matcher.group(1);
	}

}
