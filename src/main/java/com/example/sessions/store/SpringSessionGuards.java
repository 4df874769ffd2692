package com.example.sessions.store;

import java.util.Arrays;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * Spring Session's repositories behaving as this app's do where a visitor would otherwise
 * get an error page:
 * <ul>
 * <li>a save for a session that ended meanwhile (signed out in another tab) is no error:
 * Spring Session's Redis repository refuses it ("Session was invalidated"), its JDBC
 * repository fails on the missing row. (Redis checks, then writes: a save that passed the
 * check just before the sign-out still writes its fields, which stay until they expire;
 * see the README.)</li>
 * <li>a session whose bookkeeping (creation time, idle timeout) cannot be read ends, and
 * its visitor signs in again;</li>
 * <li>two first writes of one attribute at once (JDBC: a duplicate key) are the conflict
 * they are, answered {@code 409};</li>
 * <li>sessions started are counted ({@code sessions_started_total}) once stored.</li>
 * </ul>
 * Costs nothing on the way that succeeds.
 */
final class SpringSessionGuards<S extends Session> implements SessionRepository<S> {

	private static final Log logger = LogFactory.getLog(SpringSessionGuards.class);

	private static final String REDIS_SESSION_MAPPER = "org.springframework.session.data.redis.RedisSessionMapper";

	private final SessionRepository<S> store;

	private final SessionMetrics metrics;

	/**
	 * The sessions created here and not saved yet: a session counts as started once it is
	 * stored. Held weakly (and by identity: Spring Session's sessions do not define
	 * equality), so one that is never saved is simply forgotten.
	 */
	private final Set<Session> created = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

	SpringSessionGuards(SessionRepository<S> store, SessionMetrics metrics) {
		this.store = store;
		this.metrics = metrics;
	}

	@Override
	public S createSession() {
		S session = this.store.createSession();
		this.created.add(session);
		return session;
	}

	@Override
	public void save(S session) {
		boolean created = this.created.remove(session);
		try {
			this.store.save(session);
			if (created) {
				this.metrics.created();
			}
		}
		catch (IllegalStateException | DataIntegrityViolationException ex) {
			if (!created && findById(session.getId()) == null) {
				// Ended meanwhile: there is nothing left to save.
				return;
			}
			if (ex instanceof DuplicateKeyException) {
				throw new SessionConflictException(ex);
			}
			throw ex;
		}
	}

	@Override
	public @Nullable S findById(String id) {
		try {
			return this.store.findById(id);
		}
		catch (IllegalStateException | ClassCastException ex) {
			if (!unreadableBookkeeping(ex)) {
				throw ex;
			}
			// Not the message: it may quote the stored value.
			logger.warn("Ending a session whose bookkeeping cannot be read");
			this.store.deleteById(id);
			return null;
		}
	}

	/**
	 * Whether Spring Session's Redis repository found a session's creation time, last
	 * access or idle timeout missing or unreadable (its {@code RedisSessionMapper} says
	 * so; JDBC keeps them in columns that cannot be empty).
	 */
	private static boolean unreadableBookkeeping(RuntimeException ex) {
		return Arrays.stream(ex.getStackTrace())
			.limit(3)
			.anyMatch((frame) -> frame.getClassName().equals(REDIS_SESSION_MAPPER));
	}

	@Override
	public void deleteById(String id) {
		this.store.deleteById(id);
	}

}
