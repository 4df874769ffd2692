package com.example.sessions.store;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
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
 * the commands go to ({@link Check}). If it is not, the subscription was left on a server
 * that is no longer the master (one that hung and was replaced by Sentinel, so its
 * connections never broke) or on a connection that died silently: it is renewed, and the
 * renewed one finds the current master. Until the subscription is seen there again,
 * further renewals back off ({@link #RENEWAL_BACKOFF}).
 */
final class RedisExpirySubscription implements SmartLifecycle {

	static final Duration RETRY = Duration.ofSeconds(5);

	static final Duration CHECK = Duration.ofSeconds(5);

	/**
	 * After a renewal, the next one waits at least this long, twice as long after each
	 * further one (at most 64 minutes), until the subscription is seen on the master
	 * again.
	 */
	static final Duration RENEWAL_BACKOFF = Duration.ofMinutes(1);

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

	/**
	 * Renewals since the subscription was last seen on the master, and when the next one
	 * may be (only the attempts' thread reads and writes them).
	 */
	private int renewals;

	private Instant nextRenewal = Instant.MIN;

	/**
	 * @param container the listener container, not started by Spring itself
	 * @param check how to check the subscription (its channel already added to the
	 * container), or {@code null} where there is nothing to check (a cluster, where
	 * nothing is subscribed)
	 */
	RedisExpirySubscription(RedisMessageListenerContainer container, @Nullable Check check) {
		this.container = container;
		this.check = check;
	}

	@Override
	public void start() {
		this.running = true;
		this.attempts.execute(this::attempt);
	}

	private void attempt() {
		if (!this.running) {
			return;
		}
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
				stopContainer();
				after(RETRY, this::attempt);
			}
			return;
		}
		// The start also returns quietly when stopping interrupted it; on a cluster, with
		// nothing to listen to, it subscribes nothing.
		if (this.running && this.failedBefore) {
			logger.info("Subscribed to Redis's expiry notifications");
			this.failedBefore = false;
		}
		if (this.check != null) {
			after(CHECK, this::checkSubscription);
		}
	}

	private void checkSubscription() {
		Check check = this.check;
		if (!this.running || check == null) {
			return;
		}
		Boolean onTheMaster;
		try {
			onTheMaster = check.onTheMaster();
		}
		catch (RedisCommandExecutionException ex) {
			logger.warn("Cannot check where the subscription to Redis's expiry notifications is (" + ex.getMessage()
					+ "): the Redis user needs PUBSUB NUMSUB, or the server lacks it. No longer checking it: after a "
					+ "failover to a master that hung, expired sessions may go uncounted until a restart");
			return;
		}
		Instant now = Instant.now();
		if (Boolean.FALSE.equals(onTheMaster) && !now.isBefore(this.nextRenewal)) {
			// Where Redis cannot show it (a proxy in front of it, say), renewing every
			// few seconds would only lose notifications: less and less often.
			Duration wait = RENEWAL_BACKOFF.multipliedBy(1L << Math.min(this.renewals, 6));
			logger.warn("The subscription to Redis's expiry notifications is not on the server the commands go to "
					+ "(a master replaced, a connection lost); renewing it"
					+ ((this.renewals == 0) ? ""
							: " again (not seen there since the last renewal; the next one no sooner than in "
									+ wait.toMinutes() + " min)"));
			this.nextRenewal = now.plus(wait);
			this.renewals++;
			stopContainer();
			attempt();
			return;
		}
		if (Boolean.TRUE.equals(onTheMaster) && this.renewals > 0) {
			logger.info("The subscription to Redis's expiry notifications is on the server the commands go to");
			this.renewals = 0;
			this.nextRenewal = Instant.MIN;
		}
		after(CHECK, this::checkSubscription);
	}

	private void after(Duration delay, Runnable step) {
		if (this.running) {
			this.attempts.schedule(step, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * Stops the container, whatever happens to the subscription on the way out (a frozen
	 * server, say): what comes next (an attempt, a check) must still run.
	 */
	private void stopContainer() {
		try {
			this.container.stop();
		}
		catch (RuntimeException ex) {
			logger.debug("Stopping the subscription failed", ex);
		}
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
	 * Asks the server the commands go to how many clients subscribe to a channel that
	 * only this instance subscribes to ({@code PUBSUB NUMSUB}): none means that this
	 * instance's subscription is elsewhere. Nothing is published on it. The channel's
	 * name matches {@code __keyevent@*__:expired}, so that an ACL that lets the
	 * application subscribe to the notifications with that glob lets it subscribe to the
	 * channel too.
	 *
	 * @param connections where the commands go
	 * @param channel the channel
	 */
	record Check(RedisConnectionFactory connections, String channel) {

		/**
		 * A channel of this instance's own: nothing is ever published on it.
		 */
		static Check of(RedisConnectionFactory connections) {
			return new Check(connections, "__keyevent@subscription-check-" + UUID.randomUUID() + "__:expired");
		}

		ChannelTopic topic() {
			return new ChannelTopic(this.channel);
		}

		/**
		 * @return whether the server the commands go to has this instance's subscription;
		 * {@code null} if it could not be asked (down, busy)
		 * @throws RedisCommandExecutionException if Redis refused the command for good
		 */
		@Nullable Boolean onTheMaster() {
			byte[] channel = this.channel.getBytes(StandardCharsets.UTF_8);
			try (RedisConnection connection = this.connections.getConnection()) {
				@SuppressWarnings("unchecked")
				RedisClusterAsyncCommands<byte[], byte[]> commands = (RedisClusterAsyncCommands<byte[], byte[]>) connection
					.getNativeConnection();
				// The client's own command timeout comes first; this only bounds it.
				Map<byte[], Long> subscribers = LettuceFutures.awaitOrCancel(commands.pubsubNumsub(channel), 2,
						TimeUnit.SECONDS);
				return subscribers.values().stream().anyMatch((count) -> count > 0);
			}
			catch (RedisCommandExecutionException ex) {
				if (refused(ex)) {
					throw ex;
				}
				return null;
			}
			catch (RuntimeException ex) {
				return null;
			}
		}

		/**
		 * A user not allowed the command, or a server without it: unlike an error reply
		 * such as {@code LOADING} or {@code BUSY}, this will not pass.
		 */
		private static boolean refused(RedisCommandExecutionException ex) {
			String reply = String.valueOf(ex.getMessage());
			return reply.startsWith("NOPERM") || reply.startsWith("ERR unknown");
		}

	}

}
