package com.example.sessions.store;

import org.jspecify.annotations.Nullable;

/**
 * The statements of {@link JdbcSessionStore}, for one database. Only loading a session
 * needs database-specific SQL.
 *
 * @param find reads a session with its attributes, given {@code :id} and {@code :now};
 * where {@code touch} is {@code null} it also records the access (if the recorded one is
 * older than {@code :touchBefore}) in the same statement
 * @param touch records the access; run only when the recorded one is older than the touch
 * interval, and {@code null} where {@code find} does it
 */
record JdbcSessionSql(String find, @Nullable String touch, String insert, String update, String upsertAttribute,
		String deleteAttribute, String delete, String deleteExpired) {

	// Spring Session's schema keeps the interval in seconds, the times in epoch millis.
	// EXPIRY_TIME is the earlier of the idle timeout and the absolute lifetime.
	private static final String NEW_EXPIRY = "LEAST(:now + MAX_INACTIVE_INTERVAL * CAST(1000 AS BIGINT), "
			+ "CREATION_TIME + :absolute)";

	/**
	 * PostgreSQL: one statement; a data-modifying CTE touches the row (only if the
	 * recorded access is older than the touch interval), the main query reads the session
	 * as it was.
	 */
	static JdbcSessionSql postgres(String table) {
		String find = """
				WITH current AS (
				  SELECT PRIMARY_ID, CREATION_TIME, LAST_ACCESS_TIME, MAX_INACTIVE_INTERVAL FROM %1$s
				  WHERE SESSION_ID = :id AND EXPIRY_TIME >= :now AND CREATION_TIME > :createdAfter
				), touched AS (
				  UPDATE %1$s SET LAST_ACCESS_TIME = :now, EXPIRY_TIME = %2$s
				  WHERE SESSION_ID = :id AND EXPIRY_TIME >= :now AND CREATION_TIME > :createdAfter
				    AND LAST_ACCESS_TIME <= :touchBefore
				)
				SELECT c.PRIMARY_ID, c.CREATION_TIME, c.LAST_ACCESS_TIME, c.MAX_INACTIVE_INTERVAL,
				  a.ATTRIBUTE_NAME, a.ATTRIBUTE_BYTES
				FROM current c LEFT JOIN %1$s_ATTRIBUTES a ON a.SESSION_PRIMARY_ID = c.PRIMARY_ID
				""".formatted(table, NEW_EXPIRY);
		String upsert = """
				INSERT INTO %s_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
				VALUES (:recordId, :name, :bytes)
				ON CONFLICT (SESSION_PRIMARY_ID, ATTRIBUTE_NAME) DO UPDATE SET ATTRIBUTE_BYTES = EXCLUDED.ATTRIBUTE_BYTES
				"""
			.formatted(table);
		return common(table, find, null, upsert);
	}

	/**
	 * H2: runs in this process, so a second statement costs no network round trip, while
	 * an update costs a write every time (H2 cannot update conditionally and read in one
	 * statement). So: a plain read, and a separate touch only when the recorded access is
	 * older than the touch interval.
	 */
	static JdbcSessionSql h2(String table) {
		String find = """
				SELECT s.PRIMARY_ID, s.CREATION_TIME, s.LAST_ACCESS_TIME, s.MAX_INACTIVE_INTERVAL,
				  a.ATTRIBUTE_NAME, a.ATTRIBUTE_BYTES
				FROM %1$s s LEFT JOIN %1$s_ATTRIBUTES a ON a.SESSION_PRIMARY_ID = s.PRIMARY_ID
				WHERE s.SESSION_ID = :id AND s.EXPIRY_TIME >= :now AND s.CREATION_TIME > :createdAfter
				""".formatted(table);
		String touch = """
				UPDATE %s SET LAST_ACCESS_TIME = :now, EXPIRY_TIME = %s
				WHERE SESSION_ID = :id AND LAST_ACCESS_TIME <= :touchBefore
				""".formatted(table, NEW_EXPIRY);
		String upsert = """
				MERGE INTO %s_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
				KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME) VALUES (:recordId, :name, :bytes)
				""".formatted(table);
		return common(table, find, touch, upsert);
	}

	private static JdbcSessionSql common(String table, String find, @Nullable String touch, String upsertAttribute) {
		return new JdbcSessionSql(find, touch, """
				INSERT INTO %s (PRIMARY_ID, SESSION_ID, CREATION_TIME, LAST_ACCESS_TIME, MAX_INACTIVE_INTERVAL,
				  EXPIRY_TIME, PRINCIPAL_NAME)
				VALUES (:recordId, :id, :creationTime, :lastAccessed, :maxInactive, :expiry, :principal)
				""".formatted(table), """
				UPDATE %s SET SESSION_ID = :id, LAST_ACCESS_TIME = :lastAccessed, MAX_INACTIVE_INTERVAL = :maxInactive,
				  EXPIRY_TIME = :expiry, PRINCIPAL_NAME = :principal
				WHERE SESSION_ID = :storedId
				""".formatted(table), upsertAttribute,
				"DELETE FROM %s_ATTRIBUTES WHERE SESSION_PRIMARY_ID = :recordId AND ATTRIBUTE_NAME = :name"
					.formatted(table),
				"DELETE FROM %s WHERE SESSION_ID = :id".formatted(table),
				"DELETE FROM %s WHERE EXPIRY_TIME < :now".formatted(table));
	}

}
