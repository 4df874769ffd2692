package com.example.sessions.login;

import java.util.Set;

import org.springframework.session.FindByIndexNameSessionRepository;

/**
 * Where the signed-in name lives in the {@code HttpSession}.
 */
public final class SignedIn {

	/**
	 * Session attribute holding the visitor's name.
	 */
	public static final String NAME = "name";

	/**
	 * The attributes that make a session a signed-in one: the name, and the same name
	 * under Spring Session's principal-name index.
	 */
	public static final Set<String> ATTRIBUTES = Set.of(NAME,
			FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME);

	private SignedIn() {
	}

}
