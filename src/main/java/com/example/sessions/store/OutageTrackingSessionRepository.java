package com.example.sessions.store;

import org.jspecify.annotations.Nullable;

import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * The store as Spring Session's filter sees it: every call that reaches the store goes
 * through {@link StoreOutage}, which learns from it whether the store is up and, while it
 * is thought down, lets one call at a time try it. What does not reach the store proves
 * nothing and goes around it: a cookie value that is not an id this app could have issued
 * (turned away here), a save with nothing to write, a save of this request that failed
 * already.
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

	@Override
	public void save(S session) {
		StoredSession stored = (session instanceof StoredSession ours) ? ours : null;
		if (stored != null && !stored.writesOnSave()) {
			// This app's stores return, or fail the same way again, without the store: no
			// answer from it, so neither the probe's turn nor the end of an outage.
			this.store.save(session);
			return;
		}
		try {
			this.outage.call(StoreOutage.Kind.WRITE, () -> {
				this.store.save(session);
				return null;
			});
		}
		catch (StoreOutage.StillDown ex) {
			// Not tried, but failed all the same: the request's second commit must not
			// write what its answer (a 503) says was not written.
			if (stored != null) {
				stored.recordSaveFailure(ex);
			}
			throw ex;
		}
	}

	@Override
	public @Nullable S findById(String id) {
		if (!RandomSessionIdGenerator.isWellFormed(id)) {
			return null;
		}
		return this.outage.call(StoreOutage.Kind.LOAD, () -> this.store.findById(id));
	}

	@Override
	public void deleteById(String id) {
		this.outage.call(StoreOutage.Kind.WRITE, () -> {
			this.store.deleteById(id);
			return null;
		});
	}

}
