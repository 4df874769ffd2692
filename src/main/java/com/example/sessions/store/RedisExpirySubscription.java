package com.example.sessions.store;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Subscribes {@link RedisExpiredSessions} to Redis's expiry notifications without letting
 * Redis hold up the start. Spring Data Redis's listener container fails the application's
 * start when its first connection fails (Redis restarting during a rolling deploy, a host
 * too busy to finish the handshake within the connect timeout), although it recovers a
 * subscription lost later by itself. Here a failed first attempt is tried again every
 * {@link #RETRY} until it holds: the instance serves meanwhile (its pages answer 503
 * while Redis is down); it only does not count the sessions Redis expires.
 */
final class RedisExpirySubscription implements SmartLifecycle {

	static final Duration RETRY = Duration.ofSeconds(5);

	private static final Log logger = LogFactory.getLog(RedisExpirySubscription.class);

	private final RedisMessageListenerContainer container;

	private final Runnable onceSubscribed;

	private volatile boolean running;

	private @Nullable ScheduledExecutorService retries;

	/**
	 * @param container the listener container, not started by Spring itself
	 * @param onceSubscribed what needs Redis to answer first (switching the notifications
	 * on)
	 */
	RedisExpirySubscription(RedisMessageListenerContainer container, Runnable onceSubscribed) {
		this.container = container;
		this.onceSubscribed = onceSubscribed;
	}

	@Override
	public synchronized void start() {
		this.running = true;
		if (!subscribe(true)) {
			this.retries = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "redis-expiry-subscription");
				thread.setDaemon(true);
				return thread;
			});
			this.retries.schedule(this::retry, RETRY.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private synchronized void retry() {
		ScheduledExecutorService retries = this.retries;
		if (!this.running || retries == null) {
			return;
		}
		if (subscribe(false)) {
			logger.info("Subscribed to Redis's expiry notifications: expired sessions are counted from now on");
			retries.shutdown();
		}
		else {
			retries.schedule(this::retry, RETRY.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private boolean subscribe(boolean first) {
		try {
			this.container.start();
		}
		catch (RuntimeException ex) {
			// Leaves the container ready for the next attempt.
			this.container.stop();
			if (first) {
				logger.warn("Expired sessions are not counted until Redis answers (" + ex.getMessage()
						+ "); trying again every " + RETRY.toSeconds() + " s");
			}
			return false;
		}
		this.onceSubscribed.run();
		return true;
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		if (this.retries != null) {
			this.retries.shutdownNow();
		}
		this.container.stop();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
