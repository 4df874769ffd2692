package com.example.sessions.store;

import org.jspecify.annotations.Nullable;

import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * The store as Spring Session's filter sees it: every call goes through
 * {@link StoreOutage}, which learns from it whether the store is up and, while it is
 * thought down, lets one call at a time try it. A cookie value that is not an id this app
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

	@Override
	public void save(S session) {
		if (session instanceof StoredSession stored && (!stored.hasChanges() || stored.saveFailure() != null)) {
			// Nothing to write, or a save of this request that failed already: this
			// app's stores return, or fail the same way again, without the store. That is
			// no answer from it: it must neither take the probe's turn nor end an outage.
			this.store.save(session);
			return;
		}
		this.outage.call(() -> {
			this.store.save(session);
			return null;
		});
	}

	@Override
	public @Nullable S findById(String id) {
		if (!RandomSessionIdGenerator.isWellFormed(id)) {
			return null;
		}
		return this.outage.call(() -> this.store.findById(id));
	}

	@Override
	public void deleteById(String id) {
		this.outage.call(() -> {
			this.store.deleteById(id);
			return null;
		});
	}

}
