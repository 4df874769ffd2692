package com.example.sessions.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import redis.embedded.RedisServer;

import static org.awaitility.Awaitility.await;

/**
 * A real Redis Cluster on loopback, built from the embedded Redis binary: three masters
 * sharing the 16384 slots, each with one replica, on free ports. Failover is quick
 * ({@code cluster-node-timeout} 1 s) so tests can kill a master and watch its replica
 * take over.
 */
public final class EmbeddedRedisCluster implements AutoCloseable {

	private static final int SLOTS = 16384;

	private static EmbeddedRedisCluster shared;

	private final List<Node> masters = new ArrayList<>();

	private final List<Node> replicas = new ArrayList<>();

	private final Path directory;

	private RedisClusterClient client;

	private EmbeddedRedisCluster(int masterCount) {
		try {
			this.directory = Files.createTempDirectory("redis-cluster");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		for (int i = 0; i < masterCount; i++) {
			this.masters.add(startNode());
			this.replicas.add(startNode());
		}
		assignSlots();
		meet();
		for (int i = 0; i < masterCount; i++) {
			this.replicas.get(i).commands().clusterReplicate(this.masters.get(i).commands().clusterMyId());
		}
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(this::ready);
	}

	/**
	 * The cluster shared by the tests that do not take it down, started once per test
	 * run.
	 */
	public static synchronized EmbeddedRedisCluster shared() {
		if (shared == null) {
			shared = new EmbeddedRedisCluster(3);
			Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
		}
		return shared;
	}

	/**
	 * A cluster of its own, for a test that takes nodes down.
	 */
	public static EmbeddedRedisCluster startOwn() {
		return new EmbeddedRedisCluster(3);
	}

	/**
	 * The value of {@code spring.data.redis.cluster.nodes}: every node, as an operator
	 * would list them.
	 */
	public String nodes() {
		return allNodes().stream().map((node) -> "127.0.0.1:" + node.port()).collect(Collectors.joining(","));
	}

	public List<Integer> masterPorts() {
		return this.masters.stream().map(Node::port).toList();
	}

	/**
	 * A cluster-aware connection for looking into the store: routes each key to its node,
	 * and runs {@code KEYS}, {@code DBSIZE} and {@code FLUSHALL} on every master.
	 */
	public synchronized RedisAdvancedClusterCommands<String, String> commands() {
		if (this.client == null) {
			this.client = RedisClusterClient.create("redis://127.0.0.1:" + this.masters.get(0).port());
		}
		return this.client.connect().sync();
	}

	/**
	 * Waits until every replica has what its master has.
	 */
	public void replicate() {
		this.masters.forEach((master) -> EmbeddedRedis.awaitReplicas(master.port()));
	}

	/**
	 * Kills (SIGKILL) the master that holds the given key; its replica takes over.
	 * @return the killed master's port
	 */
	public int killMasterOf(String key) {
		int slot = this.masters.get(0).commands().clusterKeyslot(key).intValue();
		Node master = this.masters.stream()
			.filter((node) -> holds(node, slot))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No master holds slot " + slot));
		EmbeddedRedis.signal(master.port(), "KILL");
		return master.port();
	}

	private static boolean holds(Node master, int slot) {
		return master.commands()
			.clusterSlots()
			.stream()
			.map((range) -> (List<?>) range)
			.anyMatch(
					(range) -> ((Number) range.get(0)).intValue() <= slot && slot <= ((Number) range.get(1)).intValue()
							&& ((Number) ((List<?>) range.get(2)).get(1)).intValue() == master.port());
	}

	/**
	 * A cluster node also listens on its port plus this (the cluster bus).
	 */
	private static final int CLUSTER_BUS_OFFSET = 10000;

	private Node startNode() {
		int port = FreePort.findWithCompanion(CLUSTER_BUS_OFFSET);
		RedisServer server = EmbeddedRedis.startOn(port, List.of("cluster-enabled yes",
				"cluster-config-file nodes-" + port + ".conf", "cluster-node-timeout 1000", "dir " + this.directory));
		return new Node(port, server, EmbeddedRedis.commands(port));
	}

	private void assignSlots() {
		int count = this.masters.size();
		for (int i = 0; i < count; i++) {
			int[] slots = IntStream.range(SLOTS * i / count, SLOTS * (i + 1) / count).toArray();
			this.masters.get(i).commands().clusterAddSlots(slots);
		}
	}

	private void meet() {
		RedisCommands<String, String> first = this.masters.get(0).commands();
		allNodes().stream().skip(1).forEach((node) -> first.clusterMeet("127.0.0.1", node.port()));
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> allNodes().stream()
				.allMatch((node) -> node.commands().clusterNodes().lines().count() == allNodes().size()));
	}

	private boolean ready() {
		return allNodes().stream()
			.allMatch((node) -> node.commands().clusterInfo().contains("cluster_state:ok") && node.commands()
				.clusterNodes()
				.lines()
				.filter((line) -> line.contains("slave"))
				.count() == this.replicas.size());
	}

	private List<Node> allNodes() {
		List<Node> all = new ArrayList<>(this.masters);
		all.addAll(this.replicas);
		return all;
	}

	@Override
	public void close() {
		if (this.client != null) {
			this.client.shutdown();
		}
		allNodes().forEach((node) -> EmbeddedRedis.stop(node.server()));
	}

	private record Node(int port, RedisServer server, RedisCommands<String, String> commands) {

	}

}
