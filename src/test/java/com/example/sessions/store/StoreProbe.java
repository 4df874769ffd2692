package com.example.sessions.store;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Looks straight into a session store, bypassing the application: what a person would see
 * with {@code redis-cli} or SQL.
 */
interface StoreProbe {

	Set<String> sessionIds();

	/**
	 * The session's attributes as stored: name to JSON text.
	 */
	Map<String, String> attributes(String sessionId);

	/**
	 * The name the store indexes the session by, if any.
	 */
	String principalName(String sessionId);

	Duration maxInactiveInterval(String sessionId);

	void overwriteAttribute(String sessionId, String attribute, byte[] raw);

	java.time.Instant lastAccessedTime(String sessionId);

	/**
	 * Moves the session's recorded last access (and so its expiry) back in time.
	 */
	void age(String sessionId, Duration by);

	/**
	 * Moves the session's creation back in time.
	 */
	void backdateCreation(String sessionId, Duration by);

	/**
	 * How many keys (Redis) or rows (JDBC) the store holds in all.
	 */
	long size();

	/**
	 * Moves the session's last access back by more than its idle timeout.
	 */
	default void makeIdle(String sessionId) {
		age(sessionId, maxInactiveInterval(sessionId).plusSeconds(1));
	}

	void clear();

}
