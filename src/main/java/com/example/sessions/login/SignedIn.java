package com.example.sessions.login;

import java.util.Set;

import org.springframework.session.FindByIndexNameSessionRepository;

/**
 * Where the signed-in name lives in the {@code HttpSession}.
 */
public final class SignedIn {

	/**
	 * Session attribute holding the visitor's name: what makes a session a signed-in one,
	 * and what the stores find sessions by ({@link LoginConfiguration}).
	 */
	public static final String NAME = "name";

	/**
	 * Where versions before the name was stored once also kept it, and found sessions by
	 * it: Spring Session's principal-name attribute. Written beside {@link #NAME} only
	 * while instances of such a version serve beside this one
	 * ({@code app.login.copy-name-for-earlier-versions}, README "Upgrading").
	 */
	public static final String NAME_FOR_EARLIER_VERSIONS = FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME;

	/**
	 * The sign-in itself, which "Start over" keeps: the name, and its copy where there is
	 * one.
	 */
	public static final Set<String> ATTRIBUTES = Set.of(NAME, NAME_FOR_EARLIER_VERSIONS);

	private SignedIn() {
	}

}
