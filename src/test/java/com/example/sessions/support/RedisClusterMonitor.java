package com.example.sessions.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.core.io.ClassPathResource;

/**
 * Counts the commands clients send to the masters of a Redis Cluster: the sum of a
 * {@link RedisMonitor} on each.
 */
public final class RedisClusterMonitor implements RoundTrips, AutoCloseable {

	private static final List<String> SCRIPTS = List.of("redis-find-and-touch.lua", "redis-save.lua",
			"redis-index.lua");

	private final List<RedisMonitor> masters;

	public RedisClusterMonitor(List<Integer> masterPorts) {
		// A master that has not seen a script yet answers its first EVALSHA with NOSCRIPT
		// and the client sends the whole script again: a one-time cost per master, which
		// would make the count depend on where the session ids happen to hash.
		masterPorts
			.forEach((port) -> SCRIPTS.forEach((script) -> EmbeddedRedis.commands(port).scriptLoad(read(script))));
		this.masters = masterPorts.stream().map(RedisMonitor::new).toList();
	}

	@Override
	public long sinceLastCall() {
		return this.masters.stream().mapToLong(RedisMonitor::sinceLastCall).sum();
	}

	@Override
	public void close() throws IOException {
		for (RedisMonitor master : this.masters) {
			master.close();
		}
	}

	private static String read(String script) {
		try {
			return new ClassPathResource("com/example/sessions/store/" + script)
				.getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
