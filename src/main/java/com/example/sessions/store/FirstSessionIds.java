package com.example.sessions.store;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.session.web.http.HttpSessionIdResolver;

/**
 * The session ids a request's cookies name, as Spring Session's filter gets them: of
 * several, only ids this app could have issued, each once, and the first
 * {@value #AT_MOST} (a single one goes as it is: the repository turns it away if it is no
 * id of this app's, {@link OutageTrackingSessionRepository}). The filter looks them up in
 * the store one after the other until one is found. A browser sends one session cookie
 * for each path and domain that set one: this app sets one, so a second comes at most
 * from another app (on the same host, or for a parent domain), and a header naming a
 * hundred ids is forged, to make one request cost a hundred lookups.
 */
final class FirstSessionIds implements HttpSessionIdResolver {

	static final int AT_MOST = 2;

	private final HttpSessionIdResolver ids;

	FirstSessionIds(HttpSessionIdResolver ids) {
		this.ids = ids;
	}

	@Override
	public List<String> resolveSessionIds(HttpServletRequest request) {
		List<String> named = this.ids.resolveSessionIds(request);
		if (named.size() <= 1) {
			return named;
		}
		return named.stream().filter(RandomSessionIdGenerator::isWellFormed).distinct().limit(AT_MOST).toList();
	}

	@Override
	public void setSessionId(HttpServletRequest request, HttpServletResponse response, String sessionId) {
		this.ids.setSessionId(request, response, sessionId);
	}

	@Override
	public void expireSession(HttpServletRequest request, HttpServletResponse response) {
		this.ids.expireSession(request, response);
	}

}
