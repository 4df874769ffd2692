package com.example.sessions.store;

import java.time.Duration;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.task.TaskExecutor;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The listener container for {@link RedisExpiredSessions}, handing the notifications to
 * two threads sharing one queue. Spring Data Redis's default starts a new thread for
 * every notification: two per expired session (its own key, then its claim's), and as
 * many at once as Redis sends while the claims wait for Redis. At most {@value #WAITING}
 * notifications wait (a few tens of megabytes); beyond that they are dropped and their
 * number logged (at most once a minute, and at 10, 100, 1,000... within a burst): this
 * instance does not count those sessions, which another instance may still do. Switching
 * the notifications on after a subscription waits in the same queue: dropped, it leaves a
 * new master's notifications off until the subscription is renewed. The container shuts
 * the threads down when it is destroyed.
 */
final class RedisExpiryListenerContainer extends RedisMessageListenerContainer {

	private static final Log logger = LogFactory.getLog(RedisExpiryListenerContainer.class);

	private static final int THREADS = 2;

	private static final int WAITING = 100_000;

	private static final Duration LOG_AT_MOST_EVERY = Duration.ofMinutes(1);

	private final AtomicLong dropped = new AtomicLong();

	private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_AT_MOST_EVERY.toNanos());

	@Override
	protected TaskExecutor createDefaultTaskExecutor() {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(THREADS);
		executor.setMaxPoolSize(THREADS);
		executor.setQueueCapacity(WAITING);
		executor.setRejectedExecutionHandler(this::drop);
		executor.setThreadNamePrefix("redis-expired-sessions-");
		executor.setDaemon(true);
		executor.initialize();
		return executor;
	}

	/**
	 * Runs on the client's I/O thread, so it must not wait.
	 */
	private void drop(Runnable notification, ThreadPoolExecutor threads) {
		if (threads.isShutdown()) {
			return;
		}
		long dropped = this.dropped.incrementAndGet();
		long now = System.nanoTime();
		long logged = this.lastLogged.get();
		// Once a minute at most, and within a burst at 10, 100, 1,000... so that its size
		// shows without waiting for the next one.
		if ((now - logged >= LOG_AT_MOST_EVERY.toNanos() && this.lastLogged.compareAndSet(logged, now))
				|| isPowerOfTen(dropped)) {
			logger.warn("Redis sends expiry notifications faster than they are handled: " + dropped
					+ " dropped so far; the sessions among them are not counted by this instance");
		}
	}

	private static boolean isPowerOfTen(long number) {
		long power = 10;
		while (power < number) {
			power *= 10;
		}
		return power == number;
	}

}
