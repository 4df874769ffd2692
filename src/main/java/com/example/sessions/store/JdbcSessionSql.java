package com.example.sessions.store;

/**
 * The statements of {@link JdbcSessionStore}, for one database. Only loading a session
 * needs database-specific SQL: a single statement that reads the session with its
 * attributes and records the access.
 */
record JdbcSessionSql(String findAndTouch, String insert, String update, String upsertAttribute, String deleteAttribute,
		String delete, String deleteExpired) {

	// Spring Session's schema keeps the interval in seconds, the times in epoch millis.
	private static final String NEW_EXPIRY = ":now + MAX_INACTIVE_INTERVAL * CAST(1000 AS BIGINT)";

	/**
	 * PostgreSQL: a data-modifying CTE touches the row (only if the recorded access is
	 * older than the touch interval), the main query reads the session as it was.
	 */
	static JdbcSessionSql postgres(String table) {
		String findAndTouch = """
				WITH current AS (
				  SELECT PRIMARY_ID, CREATION_TIME, MAX_INACTIVE_INTERVAL FROM %1$s
				  WHERE SESSION_ID = :id AND EXPIRY_TIME >= :now
				), touched AS (
				  UPDATE %1$s SET LAST_ACCESS_TIME = :now, EXPIRY_TIME = %2$s
				  WHERE SESSION_ID = :id AND EXPIRY_TIME >= :now AND LAST_ACCESS_TIME <= :touchBefore
				)
				SELECT c.PRIMARY_ID, c.CREATION_TIME, c.MAX_INACTIVE_INTERVAL, a.ATTRIBUTE_NAME, a.ATTRIBUTE_BYTES
				FROM current c LEFT JOIN %1$s_ATTRIBUTES a ON a.SESSION_PRIMARY_ID = c.PRIMARY_ID
				""".formatted(table, NEW_EXPIRY);
		String upsert = """
				INSERT INTO %s_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
				VALUES (:recordId, :name, :bytes)
				ON CONFLICT (SESSION_PRIMARY_ID, ATTRIBUTE_NAME) DO UPDATE SET ATTRIBUTE_BYTES = EXCLUDED.ATTRIBUTE_BYTES
				"""
			.formatted(table);
		return common(table, findAndTouch, upsert);
	}

	/**
	 * H2: the touch is an update read back through a data change delta table; it rewrites
	 * the recorded access only if it is older than the touch interval.
	 */
	static JdbcSessionSql h2(String table) {
		String findAndTouch = """
				SELECT s.PRIMARY_ID, s.CREATION_TIME, s.MAX_INACTIVE_INTERVAL, a.ATTRIBUTE_NAME, a.ATTRIBUTE_BYTES
				FROM FINAL TABLE (
				  UPDATE %1$s SET
				    LAST_ACCESS_TIME = CASE WHEN LAST_ACCESS_TIME <= :touchBefore THEN :now ELSE LAST_ACCESS_TIME END,
				    EXPIRY_TIME = CASE WHEN LAST_ACCESS_TIME <= :touchBefore THEN %2$s ELSE EXPIRY_TIME END
				  WHERE SESSION_ID = :id AND EXPIRY_TIME >= :now
				) s LEFT JOIN %1$s_ATTRIBUTES a ON a.SESSION_PRIMARY_ID = s.PRIMARY_ID
				""".formatted(table, NEW_EXPIRY);
		String upsert = """
				MERGE INTO %s_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
				KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME) VALUES (:recordId, :name, :bytes)
				""".formatted(table);
		return common(table, findAndTouch, upsert);
	}

	private static JdbcSessionSql common(String table, String findAndTouch, String upsertAttribute) {
		return new JdbcSessionSql(findAndTouch, """
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
