package com.example.sessions.store;

/**
 * Settings that the session store cannot work with; stops the start, explained by
 * {@link SessionStoreSettingsFailureAnalyzer} instead of a stack trace.
 */
final class SessionStoreSettingsException extends RuntimeException {

	private final String action;

	SessionStoreSettingsException(String problem, String action) {
		super(problem);
		this.action = action;
	}

	String action() {
		return this.action;
	}

}
