package com.example.sessions.store;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * PostgreSQL: loading is <b>one statement</b>. Data-modifying CTEs touch the row (only if
 * the recorded access is older than the touch interval) and count up the counter; the
 * main query reads the session as it was, with the counter's new value.
 * <p>
 * Unless {@code app.sessions.durable-page-views} is set, that statement commits without
 * waiting for its WAL to reach the disk or a synchronous standby: what it writes is a
 * page view's bookkeeping, which a crash of the database server may take back by a
 * fraction of a second, a failover by what the standby had not received. Every other
 * write (sign-in, cart, preferences, sign-out) commits as the server is configured to.
 */
final class PostgresDialect implements JdbcDialect {

	private final LoadStatements forOwnTransaction;

	private final LoadStatements forCallersTransaction;

	private final JdbcSessionSql sql;

	PostgresDialect(String table, boolean durablePageViews) {
		this.forCallersTransaction = LoadStatements.of(table, false);
		this.forOwnTransaction = durablePageViews ? this.forCallersTransaction : LoadStatements.of(table, true);
		String upsert = """
				INSERT INTO %s_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
				VALUES (:recordId, :name, :bytes)
				ON CONFLICT (SESSION_PRIMARY_ID, ATTRIBUTE_NAME) DO UPDATE SET ATTRIBUTE_BYTES = EXCLUDED.ATTRIBUTE_BYTES
				"""
			.formatted(table);
		this.sql = JdbcSessionSql.of(table, upsert,
				"(SELECT n_live_tup FROM pg_stat_all_tables WHERE relid = to_regclass('%s'))".formatted(table));
	}

	@Override
	public JdbcSessionSql sql() {
		return this.sql;
	}

	@Override
	public List<Map<String, Object>> load(NamedParameterJdbcOperations jdbc, TransactionOperations transactions,
			MapSqlParameterSource params, @Nullable String counted) {
		// In a transaction of the caller's (a @Transactional method loading the session),
		// synchronous_commit off would last until that transaction's commit and reach its
		// writes.
		// (A transaction Spring does not know of, JTA begun by hand, is not looked for.)
		LoadStatements statements = TransactionSynchronizationManager.isActualTransactionActive()
				? this.forCallersTransaction : this.forOwnTransaction;
		return jdbc.queryForList((counted != null) ? statements.findCounting() : statements.find(), params);
	}

	/**
	 * The statement that loads a session, without and with counting a page view.
	 */
	private record LoadStatements(String find, String findCounting) {

		/**
		 * @param table the sessions' table
		 * @param withoutWaiting whether the statement's commit skips waiting for the disk
		 * and a synchronous standby: {@code set_config(..., true)} lasts until the end of
		 * the transaction, which in auto-commit is this statement. PostgreSQL runs it
		 * whenever {@code current} finds the session (a CTE with a volatile function is
		 * never inlined away), and every write here needs that: the count inserts from
		 * {@code current}, the touch's condition includes its condition.
		 */
		static LoadStatements of(String table, boolean withoutWaiting) {
			String noSyncWait = withoutWaiting ? """
					no_sync_wait AS (
					  SELECT set_config('synchronous_commit', 'off', true)
					),
					""" : "";
			String current = """
					WITH %4$scurrent AS (
					  SELECT PRIMARY_ID, CREATION_TIME, LAST_ACCESS_TIME, MAX_INACTIVE_INTERVAL FROM %1$s%5$s
					  WHERE SESSION_ID = :id AND %2$s
					), touched AS (
					  UPDATE %1$s SET LAST_ACCESS_TIME = :now, EXPIRY_TIME = %3$s
					  WHERE SESSION_ID = :id AND %2$s AND LAST_ACCESS_TIME <= :touchBefore
					)
					""".formatted(table, JdbcSessionSql.LIVE, JdbcSessionSql.NEW_EXPIRY, noSyncWait,
					withoutWaiting ? ", no_sync_wait" : "");
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
			return new LoadStatements(find, findCounting);
		}

	}

}
