package com.example.sessions.login;

import java.util.Map;

/**
 * Values every signed-in session starts with besides the name, contributed by the
 * features that keep them: set when someone signs in, and again when the session panel's
 * "Start over" clears the session.
 */
@FunctionalInterface
public interface StartedAtSignIn {

	Map<String, Object> values();

}
