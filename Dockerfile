# syntax=docker/dockerfile:1
# docker build -t spring-session-reference .
# Built with the Maven wrapper for Java 17 (pom.xml: java.version), run on Java 25 (as fast
# as 17 once warm) with an AOT cache from a training run that serves pages: a new instance
# serves in about half the time (README, Performance: "Start-up and the Java release").
FROM eclipse-temurin:17-jdk AS build
WORKDIR /workspace
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q dependency:go-offline
COPY src src
# Extracted as application.jar + lib/: the form an AOT cache works with.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q package -DskipTests \
 && cp target/spring-session-reference-*.jar application.jar \
 && java -Djarmode=tools -jar application.jar extract --layers --destination extracted

FROM eclipse-temurin:25-jre AS runtime
RUN useradd --system --uid 10001 --no-create-home app
WORKDIR /app
# Dependencies change less often than the code: separate layers keep rebuilds and pulls small.
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./

# The training run, on the same JVM and files as the image: sign-in, every page, the forms,
# sign-out (deploy/training-run.sh), on Redis as compose runs the image (a Redis of this
# stage's own, on a port of its own). Trained on H2, the cache started a Redis instance in
# 0.53 of the previous image's time, trained on Redis in 0.48 (README, Performance). The
# JVM writes the cache as it exits; curl and Redis stay out of the image. A cache only
# works with the JVM options it was written with (-XX:+UseCompressedOops keeps them the
# same whatever memory the build machine has); if it does not match, the JVM says so in
# its first log lines ("Unable to use AOT cache") and starts without it. Started with
# another store, the image still uses the cache for everything but that store's own
# classes.
FROM runtime AS training
RUN apt-get update && apt-get install -y --no-install-recommends curl redis-server && rm -rf /var/lib/apt/lists/*
COPY deploy/training-run.sh /usr/local/bin/
RUN redis-server --daemonize yes --bind 127.0.0.1 --port 6391 --save "" --appendonly no --logfile /tmp/redis.log \
 && training-run.sh 8080 java -XX:AOTCacheOutput=app.aot -XX:+UseCompressedOops -XX:+UseParallelGC -XX:MaxRAMPercentage=75 \
    -jar application.jar --management.server.port=0 --spring.profiles.active=redis --spring.data.redis.port=6391 \
 && redis-cli -p 6391 shutdown nosave \
 && test -s app.aot

FROM runtime AS app
COPY --from=training /app/app.aot ./
# Without a store configured, the app keeps sessions in an H2 file under ./data: the user
# the app runs as must be able to create it.
RUN mkdir data && chown 10001 data
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
# The heap follows the container's memory limit. The JVM options match the training run's.
ENTRYPOINT ["java", "-XX:AOTCache=app.aot", "-XX:+UseCompressedOops", "-XX:+UseParallelGC", "-XX:MaxRAMPercentage=75", "-jar", "application.jar"]
