package com.example.sessions.store;

import java.time.Clock;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * Ends a session that has lived its whole lifetime
 * ({@code app.sessions.absolute-timeout}, or its own idle timeout where that is longer),
 * however active it was, whichever repository keeps it: Spring Session's have no such
 * limit. This app's repositories end such a session in the store already (and set its
 * expiry by it), so for them this finds nothing to do. Costs no round trip: it looks at
 * the session as it was loaded anyway.
 */
final class AbsoluteLifetime<S extends Session> implements SessionRepository<S> {

	private final SessionRepository<S> store;

	private final SessionStoreProperties properties;

	private final Clock clock;

	AbsoluteLifetime(SessionRepository<S> store, SessionStoreProperties properties, Clock clock) {
		this.store = store;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public S createSession() {
		return this.store.createSession();
	}

	@Override
	public void save(S session) {
		this.store.save(session);
	}

	@Override
	public @Nullable S findById(String id) {
		S session = this.store.findById(id);
		if (session == null) {
			return null;
		}
		Instant end = session.getCreationTime().plus(this.properties.lifetime(session.getMaxInactiveInterval()));
		if (!end.isAfter(this.clock.instant())) {
			this.store.deleteById(id);
			return null;
		}
		return session;
	}

	@Override
	public void deleteById(String id) {
		this.store.deleteById(id);
	}

}
