package com.example.sessions.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.LinkedCaseInsensitiveMap;

/**
 * H2: runs in this process, so a second statement costs no network round trip, while an
 * update costs a write every time (H2 has no data-modifying CTEs to join a conditional
 * update to the read). So loading is a plain read, a separate touch only when the
 * recorded access is older than the touch interval, and a separate count when there is
 * one.
 * <p>
 * The count is one statement once the session has a counter; only the first count locks
 * the session row, in a transaction. (H2 never caches a parsed
 * {@code SELECT ... FOR UPDATE}, so that lock was parsed on every page, and cost more
 * than the count itself.)
 */
final class H2Dialect implements JdbcDialect {

	private final String find;

	private final String touch;

	private final String lock;

	private final String countOrStart;

	private final String countExisting;

	private final JdbcSessionSql sql;

	H2Dialect(String table) {
		this.find = """
				SELECT s.PRIMARY_ID, s.CREATION_TIME, s.LAST_ACCESS_TIME, s.MAX_INACTIVE_INTERVAL,
				  a.ATTRIBUTE_NAME, a.ATTRIBUTE_BYTES
				FROM %1$s s LEFT JOIN %1$s_ATTRIBUTES a ON a.SESSION_PRIMARY_ID = s.PRIMARY_ID
				WHERE s.SESSION_ID = :id AND %2$s
				""".formatted(table, JdbcSessionSql.LIVE);
		this.touch = """
				UPDATE %s SET LAST_ACCESS_TIME = :now, EXPIRY_TIME = %s
				WHERE SESSION_ID = :id AND LAST_ACCESS_TIME <= :touchBefore
				""".formatted(table, JdbcSessionSql.NEW_EXPIRY);
		// The bytes are JSON: a count is plain digits. Anything else (corrupt) starts
		// over.
		String nextCount = """
				STRINGTOUTF8(CAST(
				  CASE WHEN REGEXP_LIKE(UTF8TOSTRING(ATTRIBUTE_BYTES), '^[0-9]{1,18}$')
				    THEN CAST(UTF8TOSTRING(ATTRIBUTE_BYTES) AS BIGINT) ELSE 0 END + 1 AS VARCHAR))""";
		this.countExisting = """
				SELECT ATTRIBUTE_BYTES FROM FINAL TABLE (
				  UPDATE %1$s_ATTRIBUTES SET ATTRIBUTE_BYTES = %2$s
				  WHERE SESSION_PRIMARY_ID = :recordId AND ATTRIBUTE_NAME = :counter
				)
				""".formatted(table, nextCount);
		this.countOrStart = """
				SELECT ATTRIBUTE_BYTES FROM FINAL TABLE (
				  MERGE INTO %1$s_ATTRIBUTES a USING (VALUES (:recordId, :counter)) c (ID, NAME)
				  ON a.SESSION_PRIMARY_ID = c.ID AND a.ATTRIBUTE_NAME = c.NAME
				  WHEN MATCHED THEN UPDATE SET ATTRIBUTE_BYTES = %2$s
				  WHEN NOT MATCHED THEN INSERT VALUES (c.ID, c.NAME, STRINGTOUTF8('1'))
				)
				""".formatted(table, nextCount);
		this.lock = "SELECT PRIMARY_ID FROM %s WHERE PRIMARY_ID = :recordId FOR UPDATE".formatted(table);
		String upsert = """
				MERGE INTO %s_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
				KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME) VALUES (:recordId, :name, :bytes)
				""".formatted(table);
		this.sql = JdbcSessionSql.of(table, upsert, "(SELECT COUNT(*) FROM %s)".formatted(table));
	}

	@Override
	public JdbcSessionSql sql() {
		return this.sql;
	}

	@Override
	public List<Map<String, Object>> load(NamedParameterJdbcOperations jdbc, TransactionOperations transactions,
			MapSqlParameterSource params, @Nullable String counted) {
		List<Map<String, Object>> rows = jdbc.queryForList(this.find, params);
		if (rows.isEmpty()) {
			return rows;
		}
		long lastAccessed = ((Number) rows.get(0).get("LAST_ACCESS_TIME")).longValue();
		if (lastAccessed <= ((Number) params.getValue("touchBefore")).longValue()) {
			jdbc.update(this.touch, params);
		}
		if (counted == null) {
			return rows;
		}
		params.addValue("recordId", ((String) rows.get(0).get("PRIMARY_ID")).trim());
		Optional<byte[]> count = count(jdbc, transactions, params);
		return count.map((bytes) -> withAttribute(rows, counted, bytes)).orElse(List.of());
	}

	private Optional<byte[]> count(NamedParameterJdbcOperations jdbc, TransactionOperations transactions,
			MapSqlParameterSource params) {
		// Counting on an existing counter locks that row only and computes the new value
		// from the row as locked: two counts at once take turns and neither is lost; it
		// takes one row lock and holds no other while waiting, so it cannot deadlock. A
		// sign-out (deleting the session and, by cascade, the counter) waits for it, or
		// comes first and leaves nothing to count. Only a new counter needs the session
		// row held.
		List<byte[]> counted = jdbc.queryForList(this.countExisting, params, byte[].class);
		if (!counted.isEmpty()) {
			return Optional.of(counted.get(0));
		}
		try {
			return countOnce(jdbc, transactions, params);
		}
		catch (DuplicateKeyException ex) {
			// Another request wrote the first value at the same moment: count on top of
			// it.
			return countOnce(jdbc, transactions, params);
		}
	}

	/**
	 * Holds the session row while counting, so that a sign-out (a delete) waits for the
	 * count and takes it along: no count outlives its session.
	 * @return the new count as stored, or empty if the session has ended meanwhile
	 */
	private Optional<byte[]> countOnce(NamedParameterJdbcOperations jdbc, TransactionOperations transactions,
			MapSqlParameterSource params) {
		Optional<byte[]> count = transactions.execute((status) -> {
			if (jdbc.queryForList(this.lock, params).isEmpty()) {
				return Optional.empty();
			}
			return Optional.ofNullable(jdbc.queryForObject(this.countOrStart, params, byte[].class));
		});
		return (count != null) ? count : Optional.empty();
	}

	/**
	 * The rows read, with the attribute {@code name} holding {@code bytes} in place of
	 * what they had for it.
	 */
	private static List<Map<String, Object>> withAttribute(List<Map<String, Object>> rows, String name, byte[] bytes) {
		List<Map<String, Object>> result = new ArrayList<>(rows.size() + 1);
		for (Map<String, Object> row : rows) {
			if (!name.equals(row.get("ATTRIBUTE_NAME"))) {
				result.add(row);
			}
		}
		Map<String, Object> counted = new LinkedCaseInsensitiveMap<>();
		counted.putAll(rows.get(0));
		counted.put("ATTRIBUTE_NAME", name);
		counted.put("ATTRIBUTE_BYTES", bytes);
		result.add(counted);
		return result;
	}

}
