package com.example.sessions.store;

import java.time.Duration;

import io.lettuce.core.RedisCommandExecutionException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Opens the Redis connection that requests share before the instance takes any. A new
 * instance's first connection is its slowest (nothing compiled yet), and on a host busy
 * with the other instances of a rolling deploy it may need longer than the connect
 * timeout, which is kept short so that a hung Redis fails a request fast: every request
 * that tried would get the 503 page. Here it is tried, again and again, for up to
 * {@link #WITHIN} (and one more connect timeout); an instance that still cannot reach
 * Redis starts all the same, and its pages answer 503 until Redis is back. Only refused
 * credentials stop the start.
 */
final class RedisConnectionWarmUp implements SmartLifecycle {

	static final Duration WITHIN = Duration.ofSeconds(5);

	private static final Duration PAUSE = Duration.ofMillis(100);

	private static final Log logger = LogFactory.getLog(RedisConnectionWarmUp.class);

	private final RedisConnectionFactory connections;

	private volatile boolean running;

	RedisConnectionWarmUp(RedisConnectionFactory connections) {
		this.connections = connections;
	}

	@Override
	public void start() {
		this.running = true;
		long deadline = System.nanoTime() + WITHIN.toNanos();
		while (true) {
			try (RedisConnection connection = this.connections.getConnection()) {
				if (connection instanceof RedisClusterConnection cluster) {
					// One node is enough to learn the layout; a ping would ask every
					// master, and fail while one of them is down.
					cluster.clusterGetClusterInfo();
				}
				else {
					connection.ping();
				}
				return;
			}
			catch (RuntimeException ex) {
				refusedCredentials(ex);
				if (System.nanoTime() - deadline >= 0) {
					logger.warn("Redis did not answer within " + WITHIN.toSeconds() + " s (" + ex.getMessage()
							+ "): starting anyway; pages that need the session answer 503 until it does");
					return;
				}
			}
			try {
				Thread.sleep(PAUSE.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/**
	 * Redis answered and refused the credentials: a setting to fix, not a moment to wait
	 * out, so the start stops (readiness does not look at the store, and an instance
	 * started anyway would only ever answer 503).
	 */
	private static void refusedCredentials(RuntimeException failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RedisCommandExecutionException refused && refused.getMessage() != null
					&& (refused.getMessage().startsWith("WRONGPASS") || refused.getMessage().startsWith("NOAUTH")
							|| refused.getMessage().startsWith("ERR AUTH"))) {
				throw new SessionStoreSettingsException(
						"Redis refused this application's credentials (" + refused.getMessage() + ")",
						"Check spring.data.redis.username and spring.data.redis.password (SPRING_DATA_REDIS_PASSWORD) "
								+ "against the server's.");
			}
		}
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Started just before the web server, which then takes requests.
	 */
	@Override
	public int getPhase() {
		return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1;
	}

}
