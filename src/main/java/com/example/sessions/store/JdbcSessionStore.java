package com.example.sessions.store;

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
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.session.MapSession;
import org.springframework.session.SessionIdGenerator;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sessions in the tables of Spring Session JDBC ({@code SPRING_SESSION} and
 * {@code SPRING_SESSION_ATTRIBUTES}, same columns, same meaning), so SQL and other Spring
 * Session clients read them the same way.
 * <p>
 * What differs is the cost: on PostgreSQL, loading a session also records the access, in
 * <b>one statement</b> (Spring Session's repository runs a select and, at the end of the
 * request, an update in another transaction); on H2, a read and, at most once per touch
 * interval, an update. The recorded access is rewritten only when it is older than the
 * touch interval. A request that changes the session writes only what changed, attributes
 * as one batch of upserts (so two first writes racing for the same attribute never fail
 * on a duplicate key); a request that changes nothing writes nothing.
 */
final class JdbcSessionStore implements PeekingStore {

	private static final Log logger = LogFactory.getLog(JdbcSessionStore.class);

	private final NamedParameterJdbcOperations jdbc;

	private final TransactionOperations transactions;

	private final JdbcDialect dialect;

	private final JdbcSessionSql sql;

	private final SessionAttributeJson json;

	private final SessionIdGenerator idGenerator;

	private final Duration defaultMaxInactiveInterval;

	private final SessionStoreProperties properties;

	private final ReadCounter readCounter;

	private final SessionMetrics metrics;

	private final Clock clock;

	private final ConcurrentChanges concurrentChanges;

	private final PrincipalNameAttribute principalName;

	JdbcSessionStore(NamedParameterJdbcOperations jdbc, TransactionOperations transactions, JdbcDialect dialect,
			PrincipalNameAttribute principalName, SessionAttributeJson json, SessionIdGenerator idGenerator,
			Duration defaultMaxInactiveInterval, SessionStoreProperties properties, ReadCounter readCounter,
			SessionMetrics metrics, Clock clock, ConcurrentChanges concurrentChanges) {
		this.jdbc = jdbc;
		this.principalName = principalName;
		this.concurrentChanges = concurrentChanges;
		this.transactions = transactions;
		this.dialect = dialect;
		this.sql = dialect.sql();
		this.json = json;
		this.idGenerator = idGenerator;
		this.defaultMaxInactiveInterval = defaultMaxInactiveInterval;
		this.properties = properties;
		this.readCounter = readCounter;
		this.metrics = metrics;
		this.clock = clock;
	}

	@Override
	public StoredSession createSession() {
		return StoredSession.create(this.idGenerator, this.defaultMaxInactiveInterval, this.clock.instant(),
				UUID.randomUUID().toString());
	}

	@Override
	public void save(StoredSession session) {
		session.save(() -> write(session));
	}

	private void write(StoredSession session) {
		boolean created = session.isNew();
		Map<String, byte @Nullable []> written = this.concurrentChanges.save(session, (attempt) -> {
			Map<String, byte @Nullable []> changed = this.transactions.execute((status) -> {
				if (session.isNew()) {
					insert(session);
				}
				else if (!update(session)) {
					// Ended meanwhile (signed out in another tab): a late write must not
					// bring it back.
					return Map.of();
				}
				else {
					// The update holds the session row until the commit: no other save
					// can change an attribute between this check and the writes.
					Map<String, byte @Nullable []> changedMeanwhile = changedMeanwhile(session);
					if (!changedMeanwhile.isEmpty()) {
						status.setRollbackOnly();
						return changedMeanwhile;
					}
				}
				writeAttributes(session, attempt);
				return Map.of();
			});
			return (changed != null) ? changed : Map.of();
		});
		session.markSaved(written);
		if (created) {
			this.metrics.created();
		}
	}

	/**
	 * The attributes this request changed that another request changed too since this one
	 * loaded the session, with what the table holds now ({@code null}: no row).
	 */
	private Map<String, byte @Nullable []> changedMeanwhile(StoredSession session) {
		Set<String> names = session.changedAttributes();
		Map<String, byte @Nullable []> changed = new LinkedHashMap<>();
		if (names.isEmpty()) {
			return changed;
		}
		Map<String, byte[]> now = new HashMap<>();
		this.jdbc.query(this.sql.readAttributes(),
				new MapSqlParameterSource().addValue("recordId", session.recordId()).addValue("names", names),
				(row) -> {
					now.put(row.getString("ATTRIBUTE_NAME"), row.getBytes("ATTRIBUTE_BYTES"));
				});
		for (String name : names) {
			if (!Arrays.equals(now.get(name), session.storedBytes(name))) {
				changed.put(name, now.get(name));
			}
		}
		return changed;
	}

	@Override
	public @Nullable StoredSession findById(String id) {
		if (!RandomSessionIdGenerator.isWellFormed(id)) {
			return null;
		}
		Instant now = this.clock.instant();
		String counted = this.readCounter.attributeToCount();
		MapSqlParameterSource params = new MapSqlParameterSource().addValue("id", id)
			.addValue("now", now.toEpochMilli())
			.addValue("touchBefore", now.minus(this.properties.touchInterval()).toEpochMilli())
			.addValue("absolute", this.properties.absoluteTimeout().toMillis())
			.addValue("counter", counted);
		for (int attempt = 1;; attempt++) {
			try {
				return find(id, now, counted, params);
			}
			catch (ConcurrencyFailureException ex) {
				// Chosen to end a deadlock: a page view that records the access locks the
				// count's row, then the session's, and a save that changes the count
				// ("Start over") the other way round. Its own transaction was rolled
				// back, so it is tried once more; a caller's is the caller's to retry.
				if (attempt == 2 || TransactionSynchronizationManager.isActualTransactionActive()) {
					throw ex;
				}
				logger.debug("A page view's load was chosen to end a deadlock; trying it again: " + ex.getMessage());
			}
			catch (DataIntegrityViolationException ex) {
				// Counted while another request deleted the session (signed out in
				// another tab).
				return null;
			}
		}
	}

	private @Nullable StoredSession find(String id, Instant now, @Nullable String counted,
			MapSqlParameterSource params) {
		List<Map<String, Object>> rows = this.dialect.load(this.jdbc, this.transactions, params, counted);
		if (rows.isEmpty()) {
			return null;
		}
		Map<String, byte[]> stored = new HashMap<>();
		MapSession values = values(id, rows, stored);
		values.setLastAccessedTime(now);
		return StoredSession.loaded(values, stored, ((String) rows.get(0).get("PRIMARY_ID")).trim());
	}

	/**
	 * The live sessions of a name, without touching them (an administrator looking must
	 * not keep them alive).
	 */
	@Override
	public Map<String, StoredSession> findByIndexNameAndIndexValue(String indexName, String indexValue) {
		if (!PRINCIPAL_NAME_INDEX_NAME.equals(indexName)) {
			return Map.of();
		}
		return readUntouched(this.sql.peekByName(), new MapSqlParameterSource("name", indexValue));
	}

	@Override
	public @Nullable StoredSession peek(String id) {
		return readUntouched(this.sql.peekById(), new MapSqlParameterSource("id", id)).get(id);
	}

	/**
	 * The live sessions a peek statement reads, untouched, keyed by their ids.
	 */
	private Map<String, StoredSession> readUntouched(String statement, MapSqlParameterSource params) {
		Map<String, List<Map<String, Object>>> rowsById = new LinkedHashMap<>();
		this.jdbc.queryForList(statement, params.addValue("now", this.clock.millis()))
			.forEach((row) -> rowsById
				.computeIfAbsent(((String) row.get("SESSION_ID")).trim(), (id) -> new ArrayList<>())
				.add(row));
		Map<String, StoredSession> sessions = new LinkedHashMap<>();
		rowsById.forEach((id, rows) -> {
			Map<String, byte[]> stored = new HashMap<>();
			MapSession values = values(id, rows, stored);
			values
				.setLastAccessedTime(Instant.ofEpochMilli(((Number) rows.get(0).get("LAST_ACCESS_TIME")).longValue()));
			sessions.put(id, StoredSession.loaded(values, stored, ((String) rows.get(0).get("PRIMARY_ID")).trim()));
		});
		return sessions;
	}

	/**
	 * The session in the rows read; {@code stored} receives each attribute's bytes.
	 */
	private MapSession values(String id, List<Map<String, Object>> rows, Map<String, byte[]> stored) {
		Map<String, Object> first = rows.get(0);
		MapSession values = new MapSession(id);
		// A loaded session whose id is changed (Session.changeSessionId) gets one of
		// ours, not Spring Session's default UUID.
		values.setSessionIdGenerator(this.idGenerator);
		values.setCreationTime(Instant.ofEpochMilli(((Number) first.get("CREATION_TIME")).longValue()));
		values.setMaxInactiveInterval(Duration.ofSeconds(((Number) first.get("MAX_INACTIVE_INTERVAL")).longValue()));
		for (Map<String, Object> row : rows) {
			String name = (String) row.get("ATTRIBUTE_NAME");
			if (name != null) {
				byte[] bytes = (byte[]) row.get("ATTRIBUTE_BYTES");
				values.setAttribute(name, this.json.read(bytes));
				stored.put(name, bytes);
			}
		}
		return values;
	}

	@Override
	public void deleteById(String id) {
		end(id);
	}

	@Override
	public boolean end(String id) {
		return this.jdbc.update(this.sql.delete(), Map.of("id", id)) > 0;
	}

	/**
	 * Deletes every session whose idle timeout or absolute lifetime has passed.
	 * @return how many were deleted
	 */
	int deleteExpired() {
		int deleted = this.jdbc.update(this.sql.deleteExpired(), Map.of("now", this.clock.millis()));
		this.metrics.expired(deleted);
		return deleted;
	}

	/**
	 * How many sessions have not ended, at a cost that does not grow with them (see
	 * {@link JdbcSessionSql#countActive()}).
	 */
	long countActive() {
		Long count = this.jdbc.queryForObject(this.sql.countActive(), Map.of("now", this.clock.millis()), Long.class);
		return (count != null) ? count : 0;
	}

	private void insert(StoredSession session) {
		this.jdbc.update(this.sql.insert(), sessionRow(session).addValue("recordId", session.recordId())
			.addValue("creationTime", session.getCreationTime().toEpochMilli()));
	}

	private boolean update(StoredSession session) {
		return this.jdbc.update(this.sql.update(), sessionRow(session).addValue("storedId", session.storedId())) == 1;
	}

	private MapSqlParameterSource sessionRow(StoredSession session) {
		long lastAccessed = session.getLastAccessedTime().toEpochMilli();
		long idleEnd = lastAccessed + session.getMaxInactiveInterval().toMillis();
		long lifeEnd = session.getCreationTime()
			.plus(this.properties.lifetime(session.getMaxInactiveInterval()))
			.toEpochMilli();
		return new MapSqlParameterSource().addValue("id", session.getId())
			.addValue("lastAccessed", lastAccessed)
			.addValue("maxInactive", session.getMaxInactiveInterval().toSeconds())
			.addValue("expiry", Math.min(idleEnd, lifeEnd))
			.addValue("principal", this.principalName.valueIn(session));
	}

	private void writeAttributes(StoredSession session, Map<String, byte @Nullable []> written) {
		List<SqlParameterSource> upserts = new ArrayList<>();
		List<SqlParameterSource> deletes = new ArrayList<>();
		for (String name : session.isNew() ? session.getAttributeNames() : session.changedAttributes()) {
			Object value = session.getAttribute(name);
			MapSqlParameterSource row = new MapSqlParameterSource().addValue("recordId", session.recordId())
				.addValue("name", name);
			byte[] json = (value != null) ? this.json.write(value) : null;
			written.put(name, json);
			if (json != null) {
				upserts.add(row.addValue("bytes", json));
			}
			else {
				deletes.add(row);
			}
		}
		if (!upserts.isEmpty()) {
			this.jdbc.batchUpdate(this.sql.upsertAttribute(), upserts.toArray(SqlParameterSource[]::new));
		}
		if (!deletes.isEmpty()) {
			this.jdbc.batchUpdate(this.sql.deleteAttribute(), deletes.toArray(SqlParameterSource[]::new));
		}
	}

}
