package com.example.sessions.store;

import org.jspecify.annotations.Nullable;

import org.springframework.session.SessionRepository;

/**
 * The sessions as the administrators' endpoint sees them: Spring Boot's endpoint shows a
 * session by asking for it by id, and this app's stores record an access when they load a
 * session (once per touch interval), so an administrator looking at a session would keep
 * it alive. Here it is read untouched; ending it is the store's own delete.
 */
final class AdministratorsSessions implements SessionRepository<StoredSession> {

	private final PeekingStore store;

	AdministratorsSessions(PeekingStore store) {
		this.store = store;
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
		this.store.deleteById(id);
	}

}
