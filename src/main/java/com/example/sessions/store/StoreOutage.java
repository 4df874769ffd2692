package com.example.sessions.store;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.lettuce.core.RedisException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * Whether the session store is thought to be down, and what that means for the calls to
 * it. Only evidence about the store changes it: a store call that failed for want of the
 * store sets it, a store call that was answered clears it. Requests that never reach the
 * store (anonymous pages, static files, a cookie that is no session id) leave it as it
 * is.
 * <p>
 * While it is set, one store call at a time (of each kind, below) tries the store; every
 * other one fails at once ({@link StillDown}), so a hung store cannot tie up the server's
 * threads, whatever the requests are (page loads, sign-ins), and the application is back
 * as soon as the store is.
 * <p>
 * Loads and writes are one kind of call, unless a load that is answered says nothing of
 * writes: on a JDBC store a load reads, writing at most bookkeeping (on PostgreSQL
 * committed without waiting for the disk or a synchronous standby, unless told to), while
 * a save or a delete commits as the server is configured. There each kind has its own
 * outage and its own probe: a write that hangs (the standby gone) turns writes away but
 * not page views, and only a write answered ends it; a load that fails means that the
 * store does not answer, so it counts against writes too.
 */
final class StoreOutage {

	static final Duration RECONNECT_AT_MOST_EVERY = Duration.ofSeconds(30);

	private static final Log logger = LogFactory.getLog(StoreOutage.class);

	/**
	 * How Lettuce's base exception begins when the connection is gone, or when Sentinel
	 * has no master to offer yet.
	 */
	private static final List<String> LETTUCE_CONNECTION_LOST = List.of("Connection closed", "Connection is closed",
			"Connection disconnected", "Currently not connected", "Master is currently unknown");

	private final Runnable reconnect;

	private final AtomicLong lastReconnect = new AtomicLong(System.nanoTime() - RECONNECT_AT_MOST_EVERY.toNanos());

	private final Outage loads;

	private final Outage writes;

	/**
	 * @param reconnect replaces the connection to the store: run when a probe (a call
	 * made while the store was already thought down) times out, at most once every
	 * {@link #RECONNECT_AT_MOST_EVERY}. A connection can stop answering for good while
	 * the store is fine: behind a service address (a Kubernetes Service, a cloud load
	 * balancer) whose Redis host died, the open connection leads nowhere until the
	 * operating system gives up on it (about a quarter of an hour of retransmissions),
	 * while a new connection to the same address reaches the replacement. One timeout
	 * proves nothing (a busy moment); a probe timing out after an earlier failure is the
	 * evidence, and a new connection costs little if the store itself is hung. JDBC pools
	 * need none: the driver closes a connection whose socket timed out.
	 */
	StoreOutage(Runnable reconnect) {
		this(reconnect, true);
	}

	/**
	 * @param loadsProveWrites whether a load that is answered shows that writes are
	 * answered too (they wait for the same things)
	 */
	StoreOutage(Runnable reconnect, boolean loadsProveWrites) {
		this.reconnect = reconnect;
		this.writes = new Outage();
		this.loads = loadsProveWrites ? this.writes : new Outage();
	}

	boolean suspected() {
		return this.loads.suspected.get() || this.writes.suspected.get();
	}

	<T> T call(Kind kind, Supplier<T> storeCall) {
		Outage outage = (kind == Kind.LOAD) ? this.loads : this.writes;
		boolean probe = false;
		if (outage.suspected.get()) {
			if (!outage.probing.compareAndSet(false, true)) {
				throw new StillDown();
			}
			probe = true;
		}
		try {
			T result = storeCall.get();
			// Only the probe, which started after the failure, proves the store is back;
			// a call that was already under way when it failed proves nothing.
			if (probe) {
				outage.suspected.set(false);
				if (kind == Kind.WRITE) {
					this.loads.suspected.set(false);
				}
			}
			return result;
		}
		catch (RuntimeException ex) {
			if (isOutage(ex)) {
				if (probe && timedOut(ex)) {
					reconnect(ex);
				}
				outage.suspected.set(true);
				if (kind == Kind.LOAD) {
					this.writes.suspected.set(true);
				}
			}
			throw ex;
		}
		finally {
			if (probe) {
				outage.probing.set(false);
			}
		}
	}

	/**
	 * Whether the failure means that the store cannot be reached (down, hung past its
	 * timeout, out of connections), rather than a bug or a collision of two requests.
	 */
	static boolean isOutage(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConcurrencyFailureException) {
				// A lock that could not be had, a deadlock: the store answered.
				return false;
			}
			if (cause instanceof DataAccessResourceFailureException || cause instanceof TransientDataAccessException) {
				return true;
			}
			// A connection that breaks in the middle of a command (the store stopping) is
			// reported as a general store error with the socket's failure inside; one
			// that breaks or times out at a commit (a standby that never answers), as a
			// failed transaction.
			if ((cause instanceof DataAccessException || cause instanceof TransactionException)
					&& brokenConnection(cause.getCause())) {
				return true;
			}
			// When the client leaves a master that Sentinel replaced, the commands on
			// their way fail with Lettuce's base exception and one of these words (it has
			// the same exception for its own bugs, so only these words count), and those
			// still queued as cancelled (a cancelled store call is always counted).
			if ((cause.getClass() == RedisException.class && cause.getCause() == null
					&& connectionLost(cause.getMessage())) || cause instanceof CancellationException) {
				return true;
			}
		}
		return false;
	}

	private void reconnect(RuntimeException timeout) {
		long now = System.nanoTime();
		long last = this.lastReconnect.get();
		if (now - last < RECONNECT_AT_MOST_EVERY.toNanos() || !this.lastReconnect.compareAndSet(last, now)) {
			return;
		}
		logger.warn("The session store timed out again while thought down: opening a new connection to it");
		try {
			this.reconnect.run();
		}
		catch (RuntimeException ex) {
			timeout.addSuppressed(ex);
		}
	}

	private static boolean connectionLost(@Nullable String message) {
		return message != null && LETTUCE_CONNECTION_LOST.stream().anyMatch(message::startsWith);
	}

	private static boolean timedOut(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof QueryTimeoutException) {
				return true;
			}
		}
		return false;
	}

	private static boolean brokenConnection(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof IOException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * What a store call does: loads a session for a request (which may record its access
	 * and count the page), or writes (saves or deletes one).
	 */
	enum Kind {

		LOAD, WRITE

	}

	/**
	 * Whether one kind of call is thought to fail, and whether one of them is trying the
	 * store right now.
	 */
	private static final class Outage {

		private final AtomicBoolean suspected = new AtomicBoolean();

		private final AtomicBoolean probing = new AtomicBoolean();

	}

	/**
	 * The store is thought to be down and another request is trying it right now.
	 */
	static final class StillDown extends DataAccessResourceFailureException {

		StillDown() {
			super("The session store failed; another request is trying it now");
		}

	}

}
