package com.example.sessions.store;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.SubscriptionListener;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.listener.ChannelTopic;

/**
 * Counts the sessions that Redis expires (their key's time to live ran out), from Redis's
 * {@code expired} keyspace notifications for the app's own database ({@link #channel}):
 * another deployment's sessions in another database of the same server are not its to
 * count. Every instance hears every notification; the first to claim a session (a
 * short-lived marker key, set only if absent) counts it, so the sum over the instances is
 * exact. Only for a single Redis or Sentinel: a Redis Cluster node sends its
 * notifications only to clients subscribed on that node.
 * <p>
 * Each time Redis confirms the subscription, the first time and whenever it is renewed
 * (by the client after reconnecting, or by {@link RedisExpirySubscription}'s check),
 * {@code whenSubscribed} runs: a restarted Redis, or the replica Sentinel promoted, has
 * settings of its own, and may have the notifications off.
 */
final class RedisExpiredSessions implements MessageListener, SubscriptionListener {

	private static final Log logger = LogFactory.getLog(RedisExpiredSessions.class);

	private static final Duration CLAIM_LIFETIME = Duration.ofMinutes(1);

	private static final int SWITCH_ATTEMPTS = 6;

	private static final Duration SWITCH_RETRY = Duration.ofSeconds(1);

	private final RedisOperations<String, byte[]> redis;

	private final RedisKeys keys;

	private final SessionMetrics metrics;

	private final Runnable whenSubscribed;

	/**
	 * @param whenSubscribed what every confirmed subscription needs
	 * ({@link #enableNotifications}, or nothing where the server is configured by hand)
	 */
	RedisExpiredSessions(RedisOperations<String, byte[]> redis, RedisKeys keys, SessionMetrics metrics,
			Runnable whenSubscribed) {
		this.redis = redis;
		this.keys = keys;
		this.metrics = metrics;
		this.whenSubscribed = whenSubscribed;
	}

	/**
	 * Runs on the listener container's threads ({@link RedisExpiryListenerContainer}),
	 * not on the client's I/O thread, so it may talk to Redis and wait.
	 */
	@Override
	public void onChannelSubscribed(byte[] channel, long count) {
		this.whenSubscribed.run();
	}

	/**
	 * Where Redis announces the keys it expired in one database. A channel, not the
	 * pattern {@code __keyevent@*__:expired}, which would hear every database's.
	 */
	static ChannelTopic channel(int database) {
		return new ChannelTopic("__keyevent@" + database + "__:expired");
	}

	@Override
	public void onMessage(Message message, byte @Nullable [] pattern) {
		String key = new String(message.getBody(), StandardCharsets.UTF_8);
		String sessions = this.keys.sessionPrefix();
		if (key.startsWith(sessions)) {
			String claim = this.keys.expiryCounted(key.substring(sessions.length()));
			if (Boolean.TRUE.equals(this.redis.opsForValue().setIfAbsent(claim, new byte[0], CLAIM_LIFETIME))) {
				this.metrics.expired(1);
			}
		}
	}

	/**
	 * Switches the notifications on ({@code notify-keyspace-events} with {@code E} and
	 * {@code x}), as Spring Session's indexed repository does. Right after a reconnect
	 * the command connection may still be reconnecting or moving to a new master: a
	 * failure that says Redis could not be reached ({@link StoreOutage#isOutage}) is
	 * tried again, {@value #SWITCH_ATTEMPTS} times in all, {@link #SWITCH_RETRY} apart. A
	 * managed Redis may refuse {@code CONFIG}; then it has to be set there, and until it
	 * is, nothing is counted.
	 */
	static void enableNotifications(RedisConnectionFactory connections) {
		for (int attempt = 1;; attempt++) {
			try {
				switchOn(connections);
				return;
			}
			catch (RuntimeException ex) {
				if (!StoreOutage.isOutage(ex) || attempt == SWITCH_ATTEMPTS || !pause()) {
					warnNotCounted(ex);
					return;
				}
			}
		}
	}

	private static void switchOn(RedisConnectionFactory connections) {
		try (RedisConnection connection = connections.getConnection()) {
			Properties config = connection.serverCommands().getConfig("notify-keyspace-events");
			String current = (config != null) ? config.getProperty("notify-keyspace-events", "") : "";
			boolean all = current.contains("A");
			String wanted = current + (current.contains("E") ? "" : "E") + ((all || current.contains("x")) ? "" : "x");
			if (!wanted.equals(current)) {
				connection.serverCommands().setConfig("notify-keyspace-events", wanted);
				logger.info("Switched on Redis keyspace notifications for expired sessions (notify-keyspace-events '"
						+ current + "' -> '" + wanted + "')");
			}
		}
	}

	/**
	 * @return whether to go on (false once interrupted)
	 */
	private static boolean pause() {
		try {
			Thread.sleep(SWITCH_RETRY.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static void warnNotCounted(RuntimeException ex) {
		logger.warn("Expired sessions are not counted: cannot switch on Redis keyspace notifications ("
				+ ex.getMessage() + "); set notify-keyspace-events to Ex on the server");
	}

}
