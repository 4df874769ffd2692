package com.example.sessions.login;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpSession;

/**
 * Values every signed-in session starts with besides the name, contributed by the
 * features that keep them: set when someone signs in, and again when the session panel's
 * "Start over" clears the session.
 */
@FunctionalInterface
public interface StartedAtSignIn {

	Map<String, Object> values();

	/**
	 * Sets what every contribution starts a session with.
	 */
	static void startAll(List<StartedAtSignIn> contributions, HttpSession session) {
		contributions.forEach((started) -> started.values().forEach(session::setAttribute));
	}

}
