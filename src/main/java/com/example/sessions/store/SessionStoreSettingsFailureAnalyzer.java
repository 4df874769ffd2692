package com.example.sessions.store;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Says what is wrong with the session store's settings, and what to do, in Spring Boot's
 * "APPLICATION FAILED TO START" report.
 */
class SessionStoreSettingsFailureAnalyzer extends AbstractFailureAnalyzer<SessionStoreSettingsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SessionStoreSettingsException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

}
