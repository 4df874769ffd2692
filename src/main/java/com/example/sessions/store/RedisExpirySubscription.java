package com.example.sessions.store;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Subscribes {@link RedisExpiredSessions} to Redis's expiry notifications on a thread of
 * its own, so that a slow or absent Redis does not hold up the application's start.
 * Spring Data Redis's listener container, started by Spring itself, would fail the start
 * when its first connection fails (Redis restarting during a rolling deploy, a host too
 * busy to finish the handshake within the connect timeout), and once connected it retries
 * a failed subscription in the starting thread, sleeping between attempts for as long as
 * it fails. Here every attempt runs on a thread of its own, a failed one is tried again
 * every {@link #RETRY}, and stopping interrupts one in progress. The instance serves
 * meanwhile (its pages answer 503 while Redis is down); it only does not count the
 * sessions Redis expires.
 * <p>
 * Once subscribed, it checks every {@link #CHECK} that the subscription is on the server
 * the commands go to: it publishes on a channel only this instance listens to, and Redis
 * answers with how many of its clients heard it. None means the subscription is left on a
 * server that is no longer the master (one that hung and was replaced by Sentinel, so its
 * connections never broke) or on a connection that died silently: it is renewed, and the
 * renewed one finds the current master. A publish that fails says nothing about the
 * subscription and changes nothing.
 */
final class RedisExpirySubscription implements SmartLifecycle {

	static final Duration RETRY = Duration.ofSeconds(5);

	static final Duration CHECK = Duration.ofSeconds(5);

	private static final Log logger = LogFactory.getLog(RedisExpirySubscription.class);

	private final RedisMessageListenerContainer container;

	private final @Nullable Check check;

	private final ScheduledExecutorService attempts = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "redis-expiry-subscription");
		thread.setDaemon(true);
		return thread;
	});

	private volatile boolean running;

	private volatile boolean failedBefore;

	private boolean renewedLastCheck;

	/**
	 * @param container the listener container, not started by Spring itself
	 * @param check how to check the subscription, or {@code null} where there is nothing
	 * to check (a cluster, where nothing is subscribed)
	 */
	RedisExpirySubscription(RedisMessageListenerContainer container, @Nullable Check check) {
		this.container = container;
		this.check = check;
		if (check != null) {
			container.addMessageListener((message, pattern) -> {
			}, new ChannelTopic(check.channel()));
		}
	}

	@Override
	public void start() {
		this.running = true;
		this.attempts.execute(this::attempt);
	}

	private void attempt() {
		try {
			this.container.start();
		}
		catch (RuntimeException ex) {
			if (this.running) {
				if (!this.failedBefore) {
					logger.warn("Expired sessions are not counted until Redis answers (" + ex.getMessage()
							+ "); trying again every " + RETRY.toSeconds() + " s");
				}
				this.failedBefore = true;
				// Leaves the container ready for the next attempt.
				this.container.stop();
				this.attempts.schedule(this::attempt, RETRY.toMillis(), TimeUnit.MILLISECONDS);
			}
			return;
		}
		// The start also returns quietly when stopping interrupted it; on a cluster, with
		// nothing to listen to, it subscribes nothing.
		if (this.running && this.failedBefore) {
			logger.info("Subscribed to Redis's expiry notifications");
			this.failedBefore = false;
		}
		if (this.running && this.check != null) {
			this.attempts.schedule(this::checkSubscription, CHECK.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private void checkSubscription() {
		Check check = this.check;
		if (!this.running || check == null) {
			return;
		}
		if (check.heardByNoOne()) {
			if (!this.renewedLastCheck) {
				logger.warn("The subscription to Redis's expiry notifications is not on the server the commands go "
						+ "to (a master replaced, a connection lost); renewing it");
			}
			this.renewedLastCheck = true;
			this.container.stop();
			attempt();
			return;
		}
		this.renewedLastCheck = false;
		this.attempts.schedule(this::checkSubscription, CHECK.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Ends an attempt in progress too: Spring Data Redis's own retries sleep in the
	 * attempting thread, which the interrupt wakes.
	 */
	@Override
	public void stop() {
		this.running = false;
		this.attempts.shutdownNow();
		try {
			this.attempts.awaitTermination(1, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.container.stop();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Started (on its own thread) before the web server, stopped after it: a stopping
	 * instance first lets its connections go.
	 */
	@Override
	public int getPhase() {
		return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1;
	}

	/**
	 * @param redis where the commands go
	 * @param channel a channel only this instance listens to
	 */
	record Check(RedisOperations<String, byte[]> redis, String channel) {

		/**
		 * @return whether Redis answered that none of its clients heard a message on the
		 * channel; false if it could not be asked
		 */
		boolean heardByNoOne() {
			try {
				Long heard = this.redis.convertAndSend(this.channel, new byte[0]);
				return heard != null && heard == 0;
			}
			catch (RuntimeException ex) {
				return false;
			}
		}

	}

}
