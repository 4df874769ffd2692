package com.example.sessions.login;

/**
 * Where the signed-in name lives in the {@code HttpSession}.
 */
final class SignedIn {

	/**
	 * Session attribute holding the visitor's name; templates read it as
	 * {@code ${session.name}}.
	 */
	static final String NAME = "name";

	private SignedIn() {
	}

}
