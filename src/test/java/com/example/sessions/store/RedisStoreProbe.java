package com.example.sessions.store;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

/**
 * Reads the layout of Spring Session's Redis repository: one hash per session at
 * {@code spring:session:sessions:<id>}.
 */
class RedisStoreProbe implements StoreProbe {

	private static final String PREFIX = "spring:session:sessions:";

	private static final String ATTRIBUTE = "sessionAttr:";

	private final RedisClusterCommands<String, String> redis;

	RedisStoreProbe(RedisClusterCommands<String, String> redis) {
		this.redis = redis;
	}

	@Override
	public Set<String> sessionIds() {
		Set<String> ids = new HashSet<>();
		this.redis.keys(PREFIX + "*").forEach((key) -> ids.add(key.substring(PREFIX.length())));
		return ids;
	}

	/**
	 * Every key in Redis, not only the session hashes: nothing else may appear either.
	 */
	@Override
	public long size() {
		return this.redis.dbsize();
	}

	@Override
	public void backdateCreation(String sessionId, Duration by) {
		long created = Long.parseLong(hash(sessionId).get("creationTime"));
		this.redis.hset(PREFIX + sessionId, "creationTime", String.valueOf(created - by.toMillis()));
	}

	Map<String, String> hash(String sessionId) {
		return this.redis.hgetall(PREFIX + sessionId);
	}

	Duration timeToLive(String sessionId) {
		return Duration.ofSeconds(this.redis.ttl(PREFIX + sessionId));
	}

	@Override
	public Map<String, String> attributes(String sessionId) {
		Map<String, String> attributes = new TreeMap<>();
		hash(sessionId).forEach((field, json) -> {
			if (field.startsWith(ATTRIBUTE)) {
				attributes.put(field.substring(ATTRIBUTE.length()), json);
			}
		});
		return attributes;
	}

	/**
	 * The name whose index set holds the session's id, or {@code null}.
	 */
	@Override
	public String principalName(String sessionId) {
		String prefix = RedisKeys.DEFAULT.nameIndex("");
		return this.redis.keys(prefix + "*")
			.stream()
			.filter((index) -> this.redis.sismember(index, sessionId))
			.map((index) -> index.substring(prefix.length()))
			.findFirst()
			.orElse(null);
	}

	@Override
	public Duration maxInactiveInterval(String sessionId) {
		return Duration.ofSeconds(Long.parseLong(hash(sessionId).get("maxInactiveInterval")));
	}

	@Override
	public void overwriteAttribute(String sessionId, String attribute, byte[] raw) {
		this.redis.hset(PREFIX + sessionId, ATTRIBUTE + attribute, new String(raw, StandardCharsets.ISO_8859_1));
	}

	@Override
	public Instant lastAccessedTime(String sessionId) {
		return Instant.ofEpochMilli(Long.parseLong(hash(sessionId).get("lastAccessedTime")));
	}

	@Override
	public void age(String sessionId, Duration by) {
		Instant earlier = lastAccessedTime(sessionId).minus(by);
		this.redis.hset(PREFIX + sessionId, "lastAccessedTime", String.valueOf(earlier.toEpochMilli()));
		long ttl = this.redis.pttl(PREFIX + sessionId);
		if (ttl > by.toMillis()) {
			this.redis.pexpire(PREFIX + sessionId, ttl - by.toMillis());
		}
	}

	@Override
	public void clear() {
		this.redis.flushall();
	}

}
