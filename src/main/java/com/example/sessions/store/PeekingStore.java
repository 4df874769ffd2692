package com.example.sessions.store;

import org.jspecify.annotations.Nullable;

import org.springframework.session.FindByIndexNameSessionRepository;

/**
 * One of this app's stores: besides loading a session for a request, which records the
 * access, it can read one without touching it, for an administrator, whose looking must
 * not keep a session alive.
 */
interface PeekingStore extends FindByIndexNameSessionRepository<StoredSession> {

	/**
	 * The session, if it has not ended, as stored: its recorded access, expiry and page
	 * count stay as they are.
	 */
	@Nullable StoredSession peek(String id);

	/**
	 * Deletes the session, as {@link #deleteById} does.
	 * @return whether there was such a session
	 */
	boolean end(String id);

}
