package com.example.sessions.store;

import org.springframework.core.task.TaskExecutor;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The listener container for {@link RedisExpiredSessions}, handing the notifications to
 * two threads that take them in turn. Spring Data Redis's default starts a new thread for
 * every notification: two per expired session (its own key, then its claim's), and as
 * many at once as Redis sends while the claims wait for Redis. The container shuts these
 * threads down with itself.
 */
final class RedisExpiryListenerContainer extends RedisMessageListenerContainer {

	private static final int THREADS = 2;

	@Override
	protected TaskExecutor createDefaultTaskExecutor() {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(THREADS);
		executor.setMaxPoolSize(THREADS);
		executor.setThreadNamePrefix("redis-expired-sessions-");
		executor.setDaemon(true);
		executor.initialize();
		return executor;
	}

}
