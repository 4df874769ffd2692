package com.example.sessions.store;

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
 * <li>a save for a session that ended meanwhile (signed out in another tab) writes
 * nothing: Spring Session's Redis repository refuses it ("Session was invalidated"), its
 * JDBC repository fails on the missing row;</li>
 * <li>a session whose bookkeeping (creation time, idle timeout) cannot be read ends, and
 * its visitor signs in again;</li>
 * <li>two first writes of one attribute at once (JDBC: a duplicate key) are the conflict
 * they are, answered {@code 409};</li>
 * <li>sessions started are counted ({@code sessions_started_total}).</li>
 * </ul>
 * Costs nothing on the way that succeeds.
 */
final class SpringSessionGuards<S extends Session> implements SessionRepository<S> {

	private static final Log logger = LogFactory.getLog(SpringSessionGuards.class);

	private final SessionRepository<S> store;

	private final SessionMetrics metrics;

	SpringSessionGuards(SessionRepository<S> store, SessionMetrics metrics) {
		this.store = store;
		this.metrics = metrics;
	}

	/**
	 * Spring Session's filter creates a session only to save it at the end of the
	 * request.
	 */
	@Override
	public S createSession() {
		S session = this.store.createSession();
		this.metrics.created();
		return session;
	}

	@Override
	public void save(S session) {
		try {
			this.store.save(session);
		}
		catch (IllegalStateException | DataIntegrityViolationException ex) {
			if (findById(session.getId()) == null) {
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
		catch (IllegalStateException ex) {
			// Not the message: it may quote the stored value.
			logger.warn("Ending a session whose bookkeeping cannot be read");
			this.store.deleteById(id);
			return null;
		}
	}

	@Override
	public void deleteById(String id) {
		this.store.deleteById(id);
	}

}
