package com.example.sessions.store;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.session.MapSession;
import org.springframework.session.SessionIdGenerator;

/**
 * Sessions in Redis, one hash per session, in the layout of Spring Session's own
 * {@code RedisSessionRepository} ({@code spring:session:sessions:<id>} with
 * {@code creationTime}, {@code lastAccessedTime}, {@code maxInactiveInterval} and
 * {@code sessionAttr:<name>} fields; the key expires after the idle timeout), so
 * {@code redis-cli} and other Spring Session clients read it the same way.
 * <p>
 * The template must write keys as strings and values as raw bytes: values are JSON
 * written by {@link SessionAttributeJson}.
 * <p>
 * What differs is the cost: loading a session also records the access, in one server-side
 * script, so a request that only reads its session costs <b>one round trip</b> (Spring
 * Session's repository spends four). A request that changes the session spends one more,
 * writing only what changed; a request that changes nothing writes nothing.
 */
final class RedisSessionStore implements PeekingStore {

	private static final Log logger = LogFactory.getLog(RedisSessionStore.class);

	private static final String CREATION_TIME = "creationTime";

	private static final String LAST_ACCESSED_TIME = "lastAccessedTime";

	private static final String MAX_INACTIVE_INTERVAL = "maxInactiveInterval";

	private static final String ATTRIBUTE_PREFIX = "sessionAttr:";

	/**
	 * How many keys per node {@link #countActive()} reads at most.
	 */
	private static final int COUNT_SAMPLE = 1000;

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> FIND_AND_TOUCH = LuaScript.load("redis-find-and-touch.lua", List.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> SAVE = LuaScript.load("redis-save.lua", List.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> INDEX = LuaScript.load("redis-index.lua", List.class);

	/**
	 * A name's set of session ids is pruned at sign-in once it holds more than this many:
	 * {@value #INDEX_PRUNE_SAMPLE} random ids are checked, the ended ones removed.
	 */
	private static final int INDEX_PRUNE_ABOVE = 8;

	private static final int INDEX_PRUNE_SAMPLE = 4;

	private static final RedisScript<byte[]> DELETE = LuaScript.load("redis-delete.lua", byte[].class);

	private final RedisOperations<String, byte[]> redis;

	private final RedisKeys keys;

	private final SessionAttributeJson json;

	private final SessionIdGenerator idGenerator;

	private final Duration defaultMaxInactiveInterval;

	private final SessionStoreProperties properties;

	private final ReadCounter readCounter;

	private final SessionMetrics metrics;

	private final Clock clock;

	private final ConcurrentChanges concurrentChanges;

	private final PrincipalNameAttribute principalName;

	RedisSessionStore(RedisOperations<String, byte[]> redis, RedisKeys keys, PrincipalNameAttribute principalName,
			SessionAttributeJson json, SessionIdGenerator idGenerator, Duration defaultMaxInactiveInterval,
			SessionStoreProperties properties, ReadCounter readCounter, SessionMetrics metrics, Clock clock,
			ConcurrentChanges concurrentChanges) {
		this.redis = redis;
		this.keys = keys;
		this.principalName = principalName;
		this.concurrentChanges = concurrentChanges;
		this.readCounter = readCounter;
		this.metrics = metrics;
		this.json = json;
		this.idGenerator = idGenerator;
		this.defaultMaxInactiveInterval = defaultMaxInactiveInterval;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public StoredSession createSession() {
		return StoredSession.create(this.idGenerator, this.defaultMaxInactiveInterval, this.clock.instant(), null);
	}

	@Override
	public void save(StoredSession session) {
		session.save(() -> write(session));
	}

	private void write(StoredSession session) {
		// This app never changes a session's id (signing in starts a new session), but
		// the Session contract allows it. The old and the new id hash to different slots
		// of a Redis Cluster, which no single command or script may span: deleting the
		// old key claims the session (a second request changing the id or signing out at
		// the same time finds nothing to delete), then the whole session is written under
		// the new one.
		boolean idChanged = !session.isNew() && !session.getId().equals(session.storedId());
		if (idChanged && !end(session.storedId())) {
			// Ended meanwhile (signed out in another tab): a late write must not bring it
			// back.
			session.markSaved(Map.of());
			return;
		}
		boolean whole = session.isNew() || idChanged;
		AtomicBoolean ended = new AtomicBoolean();
		Map<String, byte @Nullable []> written = this.concurrentChanges.save(session, (attempt) -> {
			List<?> answer = this.redis.execute(SAVE, List.of(key(session.getId())),
					saveArguments(session, whole, attempt));
			ended.set("ended".equals(text(answer.get(0))));
			return changedMeanwhile(answer);
		});
		String name = this.principalName.valueIn(session);
		if (!ended.get() && name != null
				&& (whole || session.changedAttributes().contains(this.principalName.attribute()))) {
			// Another key, so another round trip (on a cluster, another node): only when
			// someone signs in.
			String index = this.keys.nameIndex(name);
			List<?> sample;
			try {
				sample = this.redis.execute(INDEX, List.of(index), bytes(session.getId()),
						bytes(String.valueOf(untilLifeEnds(session).toMillis())),
						bytes(String.valueOf(INDEX_PRUNE_ABOVE)), bytes(String.valueOf(INDEX_PRUNE_SAMPLE)));
			}
			catch (RuntimeException ex) {
				if (session.isNew()) {
					forget(session.getId(), ex);
				}
				throw ex;
			}
			pruneIndex(index, sample);
		}
		if (session.isNew()) {
			this.metrics.created();
		}
		session.markSaved(written);
	}

	/**
	 * Deletes a new session whose sign-in failed after it was written: its visitor gets
	 * no cookie, so nobody could use it, and, missing from its name's index, no
	 * administrator could find or end it; it would stay signed in until its idle timeout
	 * (with remember me, days). A plain delete of its key: ending it the usual way would
	 * also write the name's index, which just failed. Where the store cannot be reached
	 * for that either, the idle timeout ends it.
	 */
	private void forget(String id, RuntimeException signInFailure) {
		try {
			this.redis.delete(key(id));
		}
		catch (RuntimeException ex) {
			signInFailure.addSuppressed(ex);
		}
	}

	/**
	 * The save script's arguments; {@code written} receives the bytes of each attribute
	 * written ({@code null}: deleted).
	 */
	private Object[] saveArguments(StoredSession session, boolean whole, Map<String, byte @Nullable []> written) {
		List<byte[]> set = new ArrayList<>();
		List<byte[]> check = new ArrayList<>();
		List<byte[]> delete = new ArrayList<>();
		put(set, LAST_ACCESSED_TIME, session.getLastAccessedTime().toEpochMilli());
		if (whole || session.maxInactiveIntervalChanged()) {
			put(set, MAX_INACTIVE_INTERVAL, session.getMaxInactiveInterval().toSeconds());
		}
		if (whole) {
			put(set, CREATION_TIME, session.getCreationTime().toEpochMilli());
		}
		for (String name : whole ? session.getAttributeNames() : session.changedAttributes()) {
			byte[] field = bytes(ATTRIBUTE_PREFIX + name);
			Object value = session.getAttribute(name);
			byte[] json = (value != null) ? this.json.write(value) : null;
			written.put(name, json);
			if (json != null) {
				set.add(field);
				set.add(json);
			}
			else {
				delete.add(field);
			}
			if (!whole) {
				byte[] loaded = session.storedBytes(name);
				check.add(field);
				check.add(bytes((loaded != null) ? "1" : "0"));
				check.add((loaded != null) ? loaded : new byte[0]);
			}
		}
		List<byte[]> args = new ArrayList<>();
		args.add(bytes(whole ? "1" : "0"));
		args.add(bytes(String.valueOf(timeToLive(session).toMillis())));
		args.add(bytes(String.valueOf(set.size() / 2)));
		args.add(bytes(String.valueOf(check.size() / 3)));
		args.addAll(set);
		args.addAll(check);
		args.addAll(delete);
		return args.toArray();
	}

	/**
	 * The attributes that the save script found changed by another request, with what
	 * they hold now; empty if it wrote.
	 */
	private static Map<String, byte @Nullable []> changedMeanwhile(List<?> answer) {
		Map<String, byte @Nullable []> changed = new LinkedHashMap<>();
		if ("changed".equals(text(answer.get(0)))) {
			for (int i = 1; i + 2 < answer.size(); i += 3) {
				String name = text(answer.get(i)).substring(ATTRIBUTE_PREFIX.length());
				changed.put(name, "1".equals(text(answer.get(i + 1))) ? (byte[]) answer.get(i + 2) : null);
			}
		}
		return changed;
	}

	/**
	 * Takes the ids of ended sessions among {@code sample} out of the name's set: a round
	 * trip for each, only when a sign-in found the set large (see redis-index.lua).
	 */
	private void pruneIndex(String index, @Nullable List<?> sample) {
		try {
			for (Object member : (sample != null) ? sample : List.of()) {
				if (!Boolean.TRUE.equals(this.redis.hasKey(key(text(member))))) {
					this.redis.opsForSet().remove(index, member);
				}
			}
		}
		catch (DataAccessException ex) {
			// Housekeeping: the sign-in it follows has succeeded (on a cluster, a sampled
			// id's key may live on a master that is failing over). The next sign-in of
			// the name prunes again.
			logger.warn("Pruning a name's index failed; the next sign-in of the name tries again: " + ex.getMessage());
		}
	}

	private static String text(Object reply) {
		return new String((byte[]) reply, StandardCharsets.UTF_8);
	}

	@Override
	public @Nullable StoredSession findById(String id) {
		if (!RandomSessionIdGenerator.isWellFormed(id)) {
			return null;
		}
		Instant now = this.clock.instant();
		List<byte[]> args = new ArrayList<>(List.of(bytes(String.valueOf(now.toEpochMilli())),
				bytes(String.valueOf(this.properties.touchInterval().toMillis())),
				bytes(String.valueOf(this.properties.absoluteTimeout().toMillis()))));
		String counted = this.readCounter.attributeToCount();
		if (counted != null) {
			args.add(bytes(ATTRIBUTE_PREFIX + counted));
		}
		List<?> fields = this.redis.execute(FIND_AND_TOUCH, List.of(key(id)), args.toArray());
		if (fields == null || fields.isEmpty()) {
			return null;
		}
		Map<String, byte[]> stored = new HashMap<>();
		MapSession values = read(id, fields, stored);
		if (values == null) {
			// Unreadable bookkeeping (corrupt, or from an incompatible version): start
			// over.
			deleteById(id);
			return null;
		}
		values.setLastAccessedTime(now);
		return StoredSession.loaded(values, stored, null);
	}

	/**
	 * Ends the session (sign-out, sign-in over it, an administrator, unreadable
	 * bookkeeping) and takes its id out of its name's index: a second round trip when it
	 * had a name (the index is another key: on a cluster, another node).
	 */
	@Override
	public void deleteById(String id) {
		end(id);
	}

	/**
	 * Deletes the session and its entry in its name's index.
	 */
	@Override
	public boolean end(String id) {
		byte[] stored = this.redis.execute(DELETE, List.of(key(id)),
				bytes(ATTRIBUTE_PREFIX + this.principalName.attribute()));
		if (stored == null) {
			return false;
		}
		if (this.json.read(stored) instanceof String name) {
			this.redis.opsForSet().remove(this.keys.nameIndex(name), (Object) bytes(id));
		}
		return true;
	}

	/**
	 * The live sessions of a name, without touching them (an administrator looking must
	 * not keep them alive). Ids of sessions that ended meanwhile are dropped from the
	 * index here, so the index needs no expiry events, which a cluster would not deliver
	 * to one subscriber anyway.
	 */
	@Override
	public Map<String, StoredSession> findByIndexNameAndIndexValue(String indexName, String indexValue) {
		if (!PRINCIPAL_NAME_INDEX_NAME.equals(indexName)) {
			return Map.of();
		}
		String index = this.keys.nameIndex(indexValue);
		Map<String, StoredSession> sessions = new LinkedHashMap<>();
		Set<byte[]> ids = this.redis.opsForSet().members(index);
		for (byte[] member : (ids != null) ? ids : Set.<byte[]>of()) {
			String id = new String(member, StandardCharsets.UTF_8);
			StoredSession session = peek(id);
			if (session != null && indexValue.equals(this.principalName.valueIn(session))) {
				sessions.put(id, session);
			}
			else {
				this.redis.opsForSet().remove(index, (Object) member);
			}
		}
		return sessions;
	}

	/**
	 * How many sessions Redis holds, at a cost that does not grow with them: on each node
	 * (each master, on a cluster) a sample of at most {@value #COUNT_SAMPLE} keys, in
	 * Redis's own hash order (so unrelated to their names), and the node's key count
	 * ({@code DBSIZE}). A node whose keys fit in the sample is counted exactly; on a
	 * larger one the sessions' share of the sample is scaled up to all its keys, which is
	 * off by a few per cent at most (one standard error is under 1.6 % of the node's
	 * keys). Ended sessions are gone from Redis already.
	 */
	long countActive() {
		ScanOptions sample = ScanOptions.scanOptions().count(COUNT_SAMPLE).build();
		byte[] prefix = bytes(this.keys.sessionPrefix());
		Long count = this.redis.execute((RedisCallback<Long>) (connection) -> {
			if (connection instanceof RedisClusterConnection cluster) {
				long total = 0;
				for (RedisClusterNode node : cluster.clusterGetNodes()) {
					if (node.isMaster() && node.isConnected()) {
						total += estimate(cluster.scan(node, sample), prefix, () -> cluster.dbSize(node));
					}
				}
				return total;
			}
			return estimate(connection.keyCommands().scan(sample), prefix, () -> connection.serverCommands().dbSize());
		});
		return (count != null) ? count : 0;
	}

	private static long estimate(Cursor<byte[]> keys, byte[] prefix, Supplier<Long> allKeys) {
		try (keys) {
			long sampled = 0;
			long sessions = 0;
			while (sampled < COUNT_SAMPLE && keys.hasNext()) {
				sampled++;
				if (startsWith(keys.next(), prefix)) {
					sessions++;
				}
			}
			if (!keys.hasNext()) {
				return sessions;
			}
			Long all = allKeys.get();
			return (all != null) ? Math.round((double) sessions / sampled * all) : sessions;
		}
	}

	private static boolean startsWith(byte[] key, byte[] prefix) {
		return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
	}

	@Override
	public @Nullable StoredSession peek(String id) {
		Map<Object, Object> hash = this.redis.opsForHash().entries(key(id));
		List<Object> fields = new ArrayList<>();
		hash.forEach((field, value) -> {
			fields.add(field);
			fields.add(value);
		});
		Map<String, byte[]> stored = new HashMap<>();
		MapSession values = fields.isEmpty() ? null : read(id, fields, stored);
		if (values == null) {
			return null;
		}
		Instant now = this.clock.instant();
		boolean ended = values.getLastAccessedTime().plus(values.getMaxInactiveInterval()).isBefore(now)
				|| values.getCreationTime()
					.plus(this.properties.lifetime(values.getMaxInactiveInterval()))
					.isBefore(now);
		return ended ? null : StoredSession.loaded(values, stored, null);
	}

	/**
	 * The session in the hash's fields; {@code stored} receives each attribute's bytes.
	 */
	private @Nullable MapSession read(String id, List<?> fields, Map<String, byte[]> stored) {
		MapSession values = new MapSession(id);
		// A loaded session whose id is changed (Session.changeSessionId) gets one of
		// ours, not Spring Session's default UUID.
		values.setSessionIdGenerator(this.idGenerator);
		Long creationTime = null;
		Long maxInactiveInterval = null;
		for (int i = 0; i + 1 < fields.size(); i += 2) {
			String field = new String((byte[]) fields.get(i), StandardCharsets.UTF_8);
			Object value = this.json.read((byte[]) fields.get(i + 1));
			if (field.startsWith(ATTRIBUTE_PREFIX)) {
				String name = field.substring(ATTRIBUTE_PREFIX.length());
				values.setAttribute(name, value);
				stored.put(name, (byte[]) fields.get(i + 1));
			}
			else if (field.equals(CREATION_TIME) && value instanceof Number number) {
				creationTime = number.longValue();
			}
			else if (field.equals(MAX_INACTIVE_INTERVAL) && value instanceof Number number) {
				maxInactiveInterval = number.longValue();
			}
			else if (field.equals(LAST_ACCESSED_TIME) && value instanceof Number number) {
				values.setLastAccessedTime(Instant.ofEpochMilli(number.longValue()));
			}
		}
		if (creationTime == null || maxInactiveInterval == null) {
			logger.warn("Dropping a stored session whose bookkeeping fields cannot be read");
			return null;
		}
		values.setCreationTime(Instant.ofEpochMilli(creationTime));
		values.setMaxInactiveInterval(Duration.ofSeconds(maxInactiveInterval));
		return values;
	}

	/**
	 * The key lives until the idle timeout or the absolute lifetime ends, whichever comes
	 * first.
	 */
	private Duration timeToLive(StoredSession session) {
		Duration untilEnd = untilLifeEnds(session);
		Duration idle = session.getMaxInactiveInterval();
		return (untilEnd.compareTo(idle) < 0) ? untilEnd : idle;
	}

	/**
	 * How long the session can live at the most, however active it is kept.
	 */
	private Duration untilLifeEnds(StoredSession session) {
		Instant end = session.getCreationTime().plus(this.properties.lifetime(session.getMaxInactiveInterval()));
		return Duration.between(this.clock.instant(), end);
	}

	private void put(List<byte[]> fields, String field, Object value) {
		fields.add(bytes(field));
		fields.add(this.json.write(value));
	}

	private String key(String id) {
		return this.keys.session(id);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
