package com.example.sessions.store;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether the session store is thought to be down. Only evidence about the store changes
 * it: a request that failed on the store sets it ({@link StoreUnavailableFilter}), a
 * store call that was answered clears it ({@link OutageTrackingSessionRepository}).
 * Requests that never reach the store (anonymous pages, static files, a cookie that is no
 * session id) leave it as it is.
 */
final class StoreOutage {

	private final AtomicBoolean suspected = new AtomicBoolean();

	boolean suspected() {
		return this.suspected.get();
	}

	void failed() {
		this.suspected.set(true);
	}

	void answered() {
		// Read first: every request that reaches the store passes here, and a write
		// would bounce the flag between the cores for nothing.
		if (this.suspected.get()) {
			this.suspected.set(false);
		}
	}

}
