package com.example.sessions.login;

/**
 * Where the signed-in name lives in the {@code HttpSession}.
 */
public final class SignedIn {

	/**
	 * Session attribute holding the visitor's name: what makes a session a signed-in one,
	 * and what the stores find sessions by ({@link LoginConfiguration}).
	 */
	public static final String NAME = "name";

	private SignedIn() {
	}

}
