package com.example.sessions.store;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.transaction.support.TransactionOperations;

/**
 * What differs between the databases {@link JdbcSessionStore} keeps sessions in: how
 * loading a session also records the access and counts the page counter, and the few
 * statements ({@link JdbcSessionSql}) whose syntax differs.
 */
sealed interface JdbcDialect permits PostgresDialect, H2Dialect {

	JdbcSessionSql sql();

	/**
	 * Reads the live session {@code :id} with its attributes (given {@code :now} and
	 * {@code :absolute}), records the access if the recorded one is older than
	 * {@code :touchBefore}, and counts the attribute {@code counted} up by one, if given
	 * (from zero if it has none yet, or holds anything but a count).
	 * @return one row per attribute (the counter with its new value), each with the
	 * session's columns; one row without attribute if it has none; none if there is no
	 * such live session
	 */
	List<Map<String, Object>> load(NamedParameterJdbcOperations jdbc, TransactionOperations transactions,
			MapSqlParameterSource params, @Nullable String counted);

}
