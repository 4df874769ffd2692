# syntax=docker/dockerfile:1
# docker build -t spring-session-reference .
# Build with the Maven wrapper, run on a JRE of the same Java release (pom.xml: java.version).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /workspace
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q dependency:go-offline
COPY src src
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q package -DskipTests \
 && java -Djarmode=tools -jar target/spring-session-reference-*.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --no-create-home app
WORKDIR /app
# Dependencies change less often than the code: separate layers keep rebuilds and pulls small.
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./
USER 10001
# 8080: the site. 8081: health, metrics and Prometheus; keep it off the public network.
EXPOSE 8080 8081
# Liveness only: a store outage is answered with a 503 page and is no reason to restart.
# The image has no curl; bash can speak enough HTTP.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${MANAGEMENT_SERVER_PORT:-8081} && printf 'GET /actuator/health/liveness HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q '\"status\":\"UP\"' <&3"]
# On SIGTERM the app stops taking requests, finishes those in flight (up to 20 s), then exits.
STOPSIGNAL SIGTERM
# ParallelGC: on two cores it serves about twice the requests of G1 (README, Performance).
# The heap follows the container's memory limit.
ENTRYPOINT ["java", "-XX:+UseParallelGC", "-XX:MaxRAMPercentage=75", "org.springframework.boot.loader.launch.JarLauncher"]
