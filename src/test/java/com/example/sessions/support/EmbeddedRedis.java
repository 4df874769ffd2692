package com.example.sessions.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import org.awaitility.Awaitility;
import redis.embedded.RedisServer;
import redis.embedded.core.RedisServerBuilder;

/**
 * A real Redis server (binary from Maven Central) on a free port, started once per test
 * run and stopped when the JVM exits. Never the standard port 6379.
 */
public final class EmbeddedRedis {

	private static RedisServer server;

	private static int port;

	private static RedisClient client;

	private static RedisClient anyServer;

	private static Path snapshots;

	private static final Map<Integer, Long> PIDS = new ConcurrentHashMap<>();

	private EmbeddedRedis() {
	}

	public static synchronized int port() {
		if (server == null) {
			start();
		}
		return port;
	}

	/**
	 * A connection for looking into the store, independent of the application.
	 */
	public static synchronized RedisCommands<String, String> commands() {
		if (client == null) {
			client = RedisClient.create("redis://127.0.0.1:" + port());
		}
		return client.connect().sync();
	}

	/**
	 * A connection to the Redis server on the given port.
	 */
	public static synchronized RedisCommands<String, String> commands(int port) {
		if (anyServer == null) {
			anyServer = RedisClient.create();
		}
		return anyServer.connect(RedisURI.create("127.0.0.1", port)).sync();
	}

	/**
	 * Waits until every replica of the master on the given port has everything the master
	 * has now. ({@code WAIT} would not do: it waits only for the calling client's own
	 * writes.)
	 */
	public static void awaitReplicas(int masterPort) {
		RedisCommands<String, String> master = commands(masterPort);
		long written = replicationField(master.info("replication"), "master_repl_offset");
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> replicaOffsets(master.info("replication")),
					(offsets) -> !offsets.isEmpty() && offsets.stream().allMatch((offset) -> offset >= written));
	}

	private static long replicationField(String info, String field) {
		return info.lines()
			.filter((line) -> line.startsWith(field + ":"))
			.mapToLong((line) -> Long.parseLong(line.substring(field.length() + 1).trim()))
			.findFirst()
			.orElseThrow();
	}

	/**
	 * The offsets the replicas have acknowledged, from lines such as
	 * {@code slave0:ip=127.0.0.1,port=6380,state=online,offset=123,lag=0}.
	 */
	private static List<Long> replicaOffsets(String info) {
		return info.lines()
			.filter((line) -> line.matches("slave\\d+:.*"))
			.map((line) -> Long.parseLong(line.replaceAll(".*offset=(\\d+).*", "$1").trim()))
			.toList();
	}

	private static void start() {
		port = FreePort.find();
		server = build(port, List.of());
		Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server)));
	}

	/**
	 * Another Redis server of its own, for tests that take it down.
	 */
	public static RedisServer startOn(int port) {
		return startOn(port, List.of());
	}

	/**
	 * Another Redis server of its own, with extra configuration lines.
	 */
	public static RedisServer startOn(int port, List<String> settings) {
		Set<Long> before = redisProcesses();
		RedisServer redis = build(port, settings);
		redisProcesses().stream().filter((pid) -> !before.contains(pid)).forEach((pid) -> PIDS.put(port, pid));
		return redis;
	}

	private static Set<Long> redisProcesses() {
		return ProcessHandle.current()
			.descendants()
			.filter((process) -> process.info().command().orElse("").contains("redis-server"))
			.map(ProcessHandle::pid)
			.collect(Collectors.toSet());
	}

	private static synchronized Path snapshots() throws IOException {
		if (snapshots == null) {
			snapshots = Files.createTempDirectory("embedded-redis");
		}
		return snapshots;
	}

	private static RedisServer build(int port, List<String> settings) {
		try {
			RedisServerBuilder builder = RedisServer.newRedisServer()
				.bind("127.0.0.1")
				.port(port)
				.setting("save \"\"")
				.setting("appendonly no")
				// A replica's first sync still writes a snapshot: not into the project.
				.setting("dir " + snapshots())
				.onShutdownForceStop(true);
			settings.forEach(builder::setting);
			RedisServer redis = builder.build();
			redis.start();
			return redis;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static void stop(RedisServer redis) {
		try {
			redis.stop();
		}
		catch (IOException ex) {
			// the process dies with the JVM anyway
		}
	}

	/**
	 * Freezes (SIGSTOP) or thaws (SIGCONT) the Redis server on the given port: a store
	 * that accepts connections and never answers.
	 */
	public static void signal(int port, String signal) {
		long pid = PIDS.get(port);
		try {
			new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).start().waitFor();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
