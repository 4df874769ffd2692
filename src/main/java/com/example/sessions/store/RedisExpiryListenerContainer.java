package com.example.sessions.store;

import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.task.TaskExecutor;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The listener container for {@link RedisExpiredSessions}, handing the notifications to
 * two threads that take them in turn. Spring Data Redis's default starts a new thread for
 * every notification: two per expired session (its own key, then its claim's), and as
 * many at once as Redis sends while the claims wait for Redis. At most {@value #WAITING}
 * notifications wait for the two threads (a few tens of megabytes); beyond that they are
 * dropped, and logged: this instance does not count those sessions, which another
 * instance may still do. The container shuts the threads down when it is destroyed.
 */
final class RedisExpiryListenerContainer extends RedisMessageListenerContainer {

	private static final Log logger = LogFactory.getLog(RedisExpiryListenerContainer.class);

	private static final int THREADS = 2;

	private static final int WAITING = 100_000;

	private static final int LOG_EVERY = 10_000;

	private final AtomicLong dropped = new AtomicLong();

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
		if (dropped % LOG_EVERY == 1) {
			logger.warn("Redis sends expiry notifications faster than they are counted: " + dropped
					+ " dropped so far, their sessions not counted by this instance");
		}
	}

}
