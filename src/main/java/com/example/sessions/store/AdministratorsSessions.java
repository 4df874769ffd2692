package com.example.sessions.store;

import org.jspecify.annotations.Nullable;

import org.springframework.session.SessionRepository;

/**
 * The sessions as the administrators' endpoint sees them: Spring Boot's endpoint shows a
 * session by asking for it by id, and this app's stores record an access when they load a
 * session (once per touch interval), so an administrator looking at a session would keep
 * it alive. Here it is read untouched; ending it is the store's own delete, counted
 * ({@code sessions_ended_total{reason="administrator"}}) when there was a session to end.
 */
final class AdministratorsSessions implements SessionRepository<StoredSession> {

	private final PeekingStore store;

	private final SessionMetrics metrics;

	AdministratorsSessions(PeekingStore store, SessionMetrics metrics) {
		this.store = store;
		this.metrics = metrics;
	}

	@Override
	public StoredSession createSession() {
		return this.store.createSession();
	}

	@Override
	public void save(StoredSession session) {
		this.store.save(session);
	}

	@Override
	public @Nullable StoredSession findById(String id) {
		return RandomSessionIdGenerator.isWellFormed(id) ? this.store.peek(id) : null;
	}

	@Override
	public void deleteById(String id) {
		if (this.store.end(id)) {
			this.metrics.endedByAdministrator();
		}
	}

}
