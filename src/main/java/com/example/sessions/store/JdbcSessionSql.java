package com.example.sessions.store;

/**
 * The statements of {@link JdbcSessionStore} that read and write the same way on every
 * database ({@link JdbcDialect} has those that do not, and loading).
 *
 * @param peekByName reads the live sessions of the name {@code :name}, untouched
 * @param peekById reads the session {@code :id} if live, untouched
 * @param readAttributes reads the attributes {@code :names} of the session
 * {@code :recordId}, locking them until the transaction ends
 * @param upsertAttribute writes the attribute {@code :name} of the session
 * {@code :recordId}, whether or not it has one yet
 * @param countActive how many sessions have not ended, given {@code :now}, at a cost that
 * does not grow with them: exact up to {@value #EXACT_COUNT_LIMIT}; beyond, the rows the
 * table holds (ended ones not yet swept included), as H2 keeps the count and PostgreSQL's
 * statistics have it
 */
record JdbcSessionSql(String peekByName, String peekById, String insert, String update, String readAttributes,
		String upsertAttribute, String deleteAttribute, String delete, String deleteExpired, String countActive) {

	// Spring Session's schema keeps the interval in seconds, the times in epoch millis. A
	// session lives until the earlier of its idle timeout and its lifetime: the absolute
	// timeout, or its own idle timeout where that is longer (remember me).
	private static final String IDLE_TIMEOUT = "MAX_INACTIVE_INTERVAL * CAST(1000 AS BIGINT)";

	private static final String LIFE_END = "CREATION_TIME + GREATEST(:absolute, " + IDLE_TIMEOUT + ")";

	/**
	 * When a session accessed {@code :now} ends, unless accessed again.
	 */
	static final String NEW_EXPIRY = "LEAST(:now + " + IDLE_TIMEOUT + ", " + LIFE_END + ")";

	/**
	 * The condition of a session that has not ended at {@code :now}.
	 */
	static final String LIVE = "EXPIRY_TIME >= :now AND " + LIFE_END + " > :now";

	/**
	 * Up to how many live sessions {@code countActive} counts exactly.
	 */
	static final int EXACT_COUNT_LIMIT = 10_000;

	/**
	 * The statements for the table {@code table}, with the database's way to write an
	 * attribute ({@code upsertAttribute}) and its own count of the table's rows
	 * ({@code rowsHeld}).
	 */
	static JdbcSessionSql of(String table, String upsertAttribute, String rowsHeld) {
		return new JdbcSessionSql(peek(table, "s.PRINCIPAL_NAME = :name"), peek(table, "s.SESSION_ID = :id"),
				insert(table), update(table), readAttributes(table), upsertAttribute, deleteAttribute(table),
				delete(table), deleteExpired(table), countActive(table, rowsHeld));
	}

	private static String peek(String table, String which) {
		return """
				SELECT s.SESSION_ID, s.PRIMARY_ID, s.CREATION_TIME, s.LAST_ACCESS_TIME, s.MAX_INACTIVE_INTERVAL,
				  a.ATTRIBUTE_NAME, a.ATTRIBUTE_BYTES
				FROM %1$s s LEFT JOIN %1$s_ATTRIBUTES a ON a.SESSION_PRIMARY_ID = s.PRIMARY_ID
				WHERE %2$s AND s.EXPIRY_TIME >= :now
				ORDER BY s.CREATION_TIME, s.PRIMARY_ID
				""".formatted(table, which);
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

	/**
	 * Locks the rows it reads until the save commits: a page count changing one of them
	 * at that moment is waited for and seen, not overwritten or deleted unseen after the
	 * check.
	 */
	private static String readAttributes(String table) {
		return """
				SELECT ATTRIBUTE_NAME, ATTRIBUTE_BYTES FROM %s_ATTRIBUTES
				WHERE SESSION_PRIMARY_ID = :recordId AND ATTRIBUTE_NAME IN (:names)
				FOR UPDATE
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
