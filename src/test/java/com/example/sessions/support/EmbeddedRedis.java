package com.example.sessions.support;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import redis.embedded.RedisServer;

/**
 * A real Redis server (binary from Maven Central) on a free port, started once per test
 * run and stopped when the JVM exits. Never the standard port 6379.
 */
public final class EmbeddedRedis {

	private static RedisServer server;

	private static int port;

	private static RedisClient client;

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

	private static void start() {
		port = FreePort.find();
		try {
			server = RedisServer.newRedisServer()
				.bind("127.0.0.1")
				.port(port)
				.setting("save \"\"")
				.setting("appendonly no")
				.onShutdownForceStop(true)
				.build();
			server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedRedis::stop));
	}

	private static void stop() {
		try {
			server.stop();
		}
		catch (IOException ex) {
			// the JVM is exiting; the process dies with it
		}
	}

}
