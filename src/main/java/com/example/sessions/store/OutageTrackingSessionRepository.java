package com.example.sessions.store;

import org.jspecify.annotations.Nullable;

import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * The store as Spring Session's filter sees it: every call that the store answered tells
 * {@link StoreOutage} that the store is back. A cookie value that is not an id this app
 * could have issued is turned away here, before the store, and so proves nothing.
 */
final class OutageTrackingSessionRepository<S extends Session> implements SessionRepository<S> {

	private final SessionRepository<S> store;

	private final StoreOutage outage;

	OutageTrackingSessionRepository(SessionRepository<S> store, StoreOutage outage) {
		this.store = store;
		this.outage = outage;
	}

	@Override
	public S createSession() {
		return this.store.createSession();
	}

	/**
	 * Saving a session that did not change writes nothing; it follows a load that did
	 * reach the store, or it is a new session, which is written.
	 */
	@Override
	public void save(S session) {
		this.store.save(session);
		this.outage.answered();
	}

	@Override
	public @Nullable S findById(String id) {
		if (!RandomSessionIdGenerator.isWellFormed(id)) {
			return null;
		}
		S session = this.store.findById(id);
		this.outage.answered();
		return session;
	}

	@Override
	public void deleteById(String id) {
		this.store.deleteById(id);
		this.outage.answered();
	}

}
