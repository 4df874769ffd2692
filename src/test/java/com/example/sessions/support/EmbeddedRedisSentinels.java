package com.example.sessions.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import redis.embedded.RedisSentinel;
import redis.embedded.RedisServer;

import static org.awaitility.Awaitility.await;

/**
 * Redis with Sentinel on loopback, from the embedded Redis binary: a master, one replica
 * and three sentinels (quorum two) on free ports. A master is declared down after 1 s, so
 * tests can kill it and watch the replica take over.
 */
public final class EmbeddedRedisSentinels implements AutoCloseable {

	public static final String MASTER_NAME = "sessions";

	private final int masterPort = FreePort.find();

	private final RedisServer master;

	private final int replicaPort;

	private final RedisServer replica;

	private final List<RedisSentinel> sentinels = new ArrayList<>();

	private final List<Integer> sentinelPorts = new ArrayList<>();

	private EmbeddedRedisSentinels() {
		this.master = EmbeddedRedis.startOn(this.masterPort);
		// Only now: a free port is free until something listens on it.
		this.replicaPort = FreePort.find();
		this.replica = EmbeddedRedis.startOn(this.replicaPort, List.of("replicaof 127.0.0.1 " + this.masterPort));
		for (int i = 0; i < 3; i++) {
			int port = FreePort.find();
			RedisSentinel sentinel = RedisSentinel.newRedisSentinel()
				.bind("127.0.0.1")
				.port(port)
				.masterName(MASTER_NAME)
				.masterPort(this.masterPort)
				.quorumSize(2)
				.downAfterMilliseconds(1000)
				.failOverTimeout(3000)
				.onShutdownForceStop(true)
				.build();
			start(sentinel);
			this.sentinels.add(sentinel);
			this.sentinelPorts.add(port);
		}
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> EmbeddedRedis.commands(this.replicaPort).info("replication").contains("master_link_status:up")
					&& this.sentinelPorts.stream()
						.allMatch((port) -> EmbeddedRedis.commands(port)
							.info("sentinel")
							.contains("slaves=1,sentinels=3")));
	}

	public static EmbeddedRedisSentinels start() {
		return new EmbeddedRedisSentinels();
	}

	/**
	 * The value of {@code spring.data.redis.sentinel.nodes}.
	 */
	public String sentinelNodes() {
		return this.sentinelPorts.stream().map((port) -> "127.0.0.1:" + port).collect(Collectors.joining(","));
	}

	public int masterPort() {
		return this.masterPort;
	}

	/**
	 * The replica's port: the master's once Sentinel has promoted it.
	 */
	public int replicaPort() {
		return this.replicaPort;
	}

	/**
	 * Waits until the replica has everything the master has.
	 */
	public void replicate() {
		EmbeddedRedis.awaitReplicas(this.masterPort);
	}

	private static void start(RedisSentinel sentinel) {
		try {
			sentinel.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		for (RedisSentinel sentinel : this.sentinels) {
			try {
				sentinel.stop();
			}
			catch (IOException ex) {
				// the process dies with the JVM anyway
			}
		}
		EmbeddedRedis.stop(this.replica);
		EmbeddedRedis.stop(this.master);
	}

}
