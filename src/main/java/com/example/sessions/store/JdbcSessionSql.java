package com.example.sessions.store;

import org.jspecify.annotations.Nullable;

/**
 * The statements of {@link JdbcSessionStore}, for one database. Only loading a session
 * needs database-specific SQL.
 *
 * @param database the database's name, as the session panel shows it
 * @param find reads a session with its attributes, given {@code :id}, {@code :now} and
 * {@code :absolute}; where {@code touch} is {@code null} it also records the access (if
 * the recorded one is older than {@code :touchBefore}) in the same statement
 * @param findCounting like {@code find}, and counts the attribute {@code :counter} up by
 * one in the same statement; {@code null} where {@code count} does it
 * @param touch records the access; run only when the recorded one is older than the touch
 * interval, and {@code null} where {@code find} does it
 * @param lock locks the row of the session {@code :recordId}, where {@code count} needs
 * it
 * @param count counts {@code :counter} of the session {@code :recordId} up by one (from
 * zero if it has none yet) and returns the new value
 * @param peekByName reads the live sessions of the name {@code :name} without touching
 * them
 * @param readAttributes reads the attributes {@code :names} of the session
 * {@code :recordId}
 * @param countActive how many sessions have not ended, given {@code :now}, at a cost that
 * does not grow with them: exact up to {@value #EXACT_COUNT_LIMIT}; beyond, the rows the
 * table holds (ended ones not yet swept included), as H2 keeps the count and PostgreSQL's
 * statistics have it
 */
record JdbcSessionSql(String database, String find, @Nullable String findCounting, @Nullable String touch,
		@Nullable String lock, @Nullable String count, String peekByName, String insert, String update,
		String readAttributes, String upsertAttribute, String deleteAttribute, String delete, String deleteExpired,
		String countActive) {

	// Spring Session's schema keeps the interval in seconds, the times in epoch millis. A
	// session lives until the earlier of its idle timeout and its lifetime: the absolute
	// timeout, or its own idle timeout where that is longer (remember me).
	private static final String IDLE_TIMEOUT = "MAX_INACTIVE_INTERVAL * CAST(1000 AS BIGINT)";

	private static final String LIFE_END = "CREATION_TIME + GREATEST(:absolute, " + IDLE_TIMEOUT + ")";

	private static final String NEW_EXPIRY = "LEAST(:now + " + IDLE_TIMEOUT + ", " + LIFE_END + ")";

	/**
	 * Up to how many live sessions {@code countActive} counts exactly.
	 */
	static final int EXACT_COUNT_LIMIT = 10_000;

	private static final String LIVE = "EXPIRY_TIME >= :now AND " + LIFE_END + " > :now";

	/**
	 * PostgreSQL: one statement; data-modifying CTEs touch the row (only if the recorded
	 * access is older than the touch interval) and count up the counter, the main query
	 * reads the session as it was, with the counter's new value.
	 */
	static JdbcSessionSql postgres(String table) {
		String current = """
				WITH current AS (
				  SELECT PRIMARY_ID, CREATION_TIME, LAST_ACCESS_TIME, MAX_INACTIVE_INTERVAL FROM %1$s
				  WHERE SESSION_ID = :id AND %2$s
				), touched AS (
				  UPDATE %1$s SET LAST_ACCESS_TIME = :now, EXPIRY_TIME = %3$s
				  WHERE SESSION_ID = :id AND %2$s AND LAST_ACCESS_TIME <= :touchBefore
				)
				""".formatted(table, LIVE, NEW_EXPIRY);
		String find = current + """
				SELECT c.PRIMARY_ID, c.CREATION_TIME, c.LAST_ACCESS_TIME, c.MAX_INACTIVE_INTERVAL,
				  a.ATTRIBUTE_NAME, a.ATTRIBUTE_BYTES
				FROM current c LEFT JOIN %1$s_ATTRIBUTES a ON a.SESSION_PRIMARY_ID = c.PRIMARY_ID
				""".formatted(table);
		// The bytes are JSON: a count is plain digits. Anything else (corrupt) starts
		// over.
		String findCounting = current
				+ """
						, counted AS (
						  INSERT INTO %1$s_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
						  SELECT PRIMARY_ID, :counter, convert_to('1', 'UTF8') FROM current
						  ON CONFLICT (SESSION_PRIMARY_ID, ATTRIBUTE_NAME) DO UPDATE SET ATTRIBUTE_BYTES = convert_to(CAST(
						    CASE WHEN encode(%1$s_ATTRIBUTES.ATTRIBUTE_BYTES, 'escape') ~ '^[0-9]{1,18}$'
						      THEN CAST(encode(%1$s_ATTRIBUTES.ATTRIBUTE_BYTES, 'escape') AS BIGINT) ELSE 0 END + 1 AS TEXT), 'UTF8')
						  RETURNING SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES
						)
						SELECT c.PRIMARY_ID, c.CREATION_TIME, c.LAST_ACCESS_TIME, c.MAX_INACTIVE_INTERVAL,
						  a.ATTRIBUTE_NAME, a.ATTRIBUTE_BYTES
						FROM current c LEFT JOIN %1$s_ATTRIBUTES a ON a.SESSION_PRIMARY_ID = c.PRIMARY_ID AND a.ATTRIBUTE_NAME <> :counter
						UNION ALL
						SELECT c.PRIMARY_ID, c.CREATION_TIME, c.LAST_ACCESS_TIME, c.MAX_INACTIVE_INTERVAL,
						  k.ATTRIBUTE_NAME, k.ATTRIBUTE_BYTES
						FROM current c JOIN counted k ON k.SESSION_PRIMARY_ID = c.PRIMARY_ID
						"""
					.formatted(table);
		String upsert = """
				INSERT INTO %s_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
				VALUES (:recordId, :name, :bytes)
				ON CONFLICT (SESSION_PRIMARY_ID, ATTRIBUTE_NAME) DO UPDATE SET ATTRIBUTE_BYTES = EXCLUDED.ATTRIBUTE_BYTES
				"""
			.formatted(table);
		return new JdbcSessionSql("PostgreSQL", find, findCounting, null, null, null, peekByName(table), insert(table),
				update(table), readAttributes(table), upsert, deleteAttribute(table), delete(table),
				deleteExpired(table),
				countActive(table, "(SELECT n_live_tup FROM pg_stat_all_tables WHERE relid = to_regclass('%s'))"
					.formatted(table)));
	}

	/**
	 * H2: runs in this process, so a second statement costs no network round trip, while
	 * an update costs a write every time (H2 cannot update conditionally and read in one
	 * statement). So: a plain read, a separate touch only when the recorded access is
	 * older than the touch interval, and a separate count when there is one.
	 */
	static JdbcSessionSql h2(String table) {
		String find = """
				SELECT s.PRIMARY_ID, s.CREATION_TIME, s.LAST_ACCESS_TIME, s.MAX_INACTIVE_INTERVAL,
				  a.ATTRIBUTE_NAME, a.ATTRIBUTE_BYTES
				FROM %1$s s LEFT JOIN %1$s_ATTRIBUTES a ON a.SESSION_PRIMARY_ID = s.PRIMARY_ID
				WHERE s.SESSION_ID = :id AND %2$s
				""".formatted(table, LIVE);
		String touch = """
				UPDATE %s SET LAST_ACCESS_TIME = :now, EXPIRY_TIME = %s
				WHERE SESSION_ID = :id AND LAST_ACCESS_TIME <= :touchBefore
				""".formatted(table, NEW_EXPIRY);
		String count = """
				SELECT ATTRIBUTE_BYTES FROM FINAL TABLE (
				  MERGE INTO %1$s_ATTRIBUTES a USING (VALUES (:recordId, :counter)) c (ID, NAME)
				  ON a.SESSION_PRIMARY_ID = c.ID AND a.ATTRIBUTE_NAME = c.NAME
				  WHEN MATCHED THEN UPDATE SET ATTRIBUTE_BYTES = STRINGTOUTF8(CAST(
				    CASE WHEN REGEXP_LIKE(UTF8TOSTRING(ATTRIBUTE_BYTES), '^[0-9]{1,18}$')
				      THEN CAST(UTF8TOSTRING(ATTRIBUTE_BYTES) AS BIGINT) ELSE 0 END + 1 AS VARCHAR))
				  WHEN NOT MATCHED THEN INSERT VALUES (c.ID, c.NAME, STRINGTOUTF8('1'))
				)
				""".formatted(table);
		String upsert = """
				MERGE INTO %s_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
				KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME) VALUES (:recordId, :name, :bytes)
				""".formatted(table);
		String lock = "SELECT PRIMARY_ID FROM %s WHERE PRIMARY_ID = :recordId FOR UPDATE".formatted(table);
		return new JdbcSessionSql("H2", find, null, touch, lock, count, peekByName(table), insert(table), update(table),
				readAttributes(table), upsert, deleteAttribute(table), delete(table), deleteExpired(table),
				countActive(table, "(SELECT COUNT(*) FROM %s)".formatted(table)));
	}

	private static String peekByName(String table) {
		return """
				SELECT s.SESSION_ID, s.PRIMARY_ID, s.CREATION_TIME, s.LAST_ACCESS_TIME, s.MAX_INACTIVE_INTERVAL,
				  a.ATTRIBUTE_NAME, a.ATTRIBUTE_BYTES
				FROM %1$s s LEFT JOIN %1$s_ATTRIBUTES a ON a.SESSION_PRIMARY_ID = s.PRIMARY_ID
				WHERE s.PRINCIPAL_NAME = :name AND s.EXPIRY_TIME >= :now
				ORDER BY s.CREATION_TIME, s.PRIMARY_ID
				""".formatted(table);
	}

	private static String insert(String table) {
		return """
				INSERT INTO %s (PRIMARY_ID, SESSION_ID, CREATION_TIME, LAST_ACCESS_TIME, MAX_INACTIVE_INTERVAL,
				  EXPIRY_TIME, PRINCIPAL_NAME)
				VALUES (:recordId, :id, :creationTime, :lastAccessed, :maxInactive, :expiry, :principal)
				""".formatted(table);
	}

	private static String update(String table) {
		return """
				UPDATE %s SET SESSION_ID = :id, LAST_ACCESS_TIME = :lastAccessed, MAX_INACTIVE_INTERVAL = :maxInactive,
				  EXPIRY_TIME = :expiry, PRINCIPAL_NAME = :principal
				WHERE SESSION_ID = :storedId
				""".formatted(table);
	}

	private static String readAttributes(String table) {
		return """
				SELECT ATTRIBUTE_NAME, ATTRIBUTE_BYTES FROM %s_ATTRIBUTES
				WHERE SESSION_PRIMARY_ID = :recordId AND ATTRIBUTE_NAME IN (:names)
				""".formatted(table);
	}

	private static String deleteAttribute(String table) {
		return "DELETE FROM %s_ATTRIBUTES WHERE SESSION_PRIMARY_ID = :recordId AND ATTRIBUTE_NAME = :name"
			.formatted(table);
	}

	private static String delete(String table) {
		return "DELETE FROM %s WHERE SESSION_ID = :id".formatted(table);
	}

	/**
	 * Counts the live sessions on the expiry index as far as {@value #EXACT_COUNT_LIMIT};
	 * beyond, a count the database keeps anyway ({@code rowsHeld}), as reading every
	 * row's index entry at every metrics scrape would grow with the sessions.
	 */
	private static String countActive(String table, String rowsHeld) {
		return """
				SELECT CASE WHEN c.n <= %2$d THEN c.n ELSE GREATEST(c.n, COALESCE(%3$s, 0)) END
				FROM (SELECT COUNT(*) AS n FROM (SELECT 1 FROM %1$s WHERE EXPIRY_TIME >= :now LIMIT %4$d) l) c
				""".formatted(table, EXACT_COUNT_LIMIT, rowsHeld, EXACT_COUNT_LIMIT + 1);
	}

	private static String deleteExpired(String table) {
		return "DELETE FROM %s WHERE EXPIRY_TIME < :now".formatted(table);
	}

}
