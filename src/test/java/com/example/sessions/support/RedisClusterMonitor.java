package com.example.sessions.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Counts the commands clients send to the masters of a Redis Cluster: the sum of a
 * {@link RedisMonitor} on each.
 */
public final class RedisClusterMonitor implements RoundTrips, AutoCloseable {

	private final List<RedisMonitor> masters;

	public RedisClusterMonitor(List<Integer> masterPorts) {
		// A master that has not seen a script yet answers its first EVALSHA with NOSCRIPT
		// and the client sends the whole script again: a one-time cost per master, which
		// would make the count depend on where the session ids happen to hash.
		// Every script of the store package, so a new one cannot be forgotten here.
		List<String> scripts = scripts();
		masterPorts.forEach((port) -> scripts.forEach((script) -> EmbeddedRedis.commands(port).scriptLoad(script)));
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

	private static List<String> scripts() {
		try {
			List<String> scripts = new ArrayList<>();
			for (Resource script : new PathMatchingResourcePatternResolver()
				.getResources("classpath*:com/example/sessions/store/*.lua")) {
				scripts.add(script.getContentAsString(StandardCharsets.UTF_8));
			}
			if (scripts.isEmpty()) {
				throw new IllegalStateException("No Lua scripts found in the store package");
			}
			return scripts;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
