package com.example.sessions.store;

import java.time.Duration;

/**
 * What keeps this app's sessions, for whoever shows it (the session panel): the store,
 * the repository in front of it, the limits of a session's life, and what a value takes
 * in the store.
 */
public interface SessionStoreDescription {

	/**
	 * The store: "Redis", the database's name ("PostgreSQL", "H2"), or "Memory".
	 */
	String store();

	/**
	 * The repository that reads and writes it, by class name: this app's
	 * ({@code RedisSessionStore}, {@code JdbcSessionStore}) or Spring Session's.
	 */
	String repository();

	/**
	 * Whether loading a session counts the attribute a {@link ReadCounter} names, in the
	 * same step (this app's Redis and JDBC repositories). Where not, whoever needs the
	 * count keeps it in the session like any other value.
	 */
	boolean countsReads();

	/**
	 * The idle timeout of a session that sets none of its own.
	 */
	Duration defaultIdleTimeout();

	/**
	 * How long a session with this idle timeout lives at most, however active.
	 */
	Duration lifetime(Duration idleTimeout);

	/**
	 * How many bytes the store keeps for this value.
	 */
	int storedBytes(Object value);

}
