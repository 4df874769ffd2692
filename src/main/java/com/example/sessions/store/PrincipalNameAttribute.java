package com.example.sessions.store;

import org.jspecify.annotations.Nullable;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

/**
 * The session attribute that holds the name a session is found by (Spring Session's
 * principal name): the JDBC table's {@code PRINCIPAL_NAME} column, the name's index in
 * Redis, the administrators' lookup by name. An application that keeps its signed-in name
 * under an attribute of its own declares it as a bean, so that the name is stored once;
 * without one, it is Spring Session's
 * {@link FindByIndexNameSessionRepository#PRINCIPAL_NAME_INDEX_NAME}.
 *
 * <p>
 * In Redis the attribute is a field of the session's hash. A field name longer than
 * Redis's {@code hash-max-listpack-value} (64 bytes), as Spring Session's is, turns the
 * hash from Redis's compact encoding into a hash table: 672 B for a signed-in session
 * holding the name twice, against 216 B for the name once (README).
 *
 * @param attribute the attribute's name
 */
public record PrincipalNameAttribute(String attribute) {

	static final PrincipalNameAttribute SPRING_SESSION = new PrincipalNameAttribute(
			FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME);

	public PrincipalNameAttribute {
		if (attribute.isBlank()) {
			throw new IllegalArgumentException("The principal name's attribute needs a name");
		}
	}

	/**
	 * The name the session is found by, or {@code null} when it holds none.
	 */
	@Nullable String valueIn(Session session) {
		return (session.getAttribute(this.attribute) instanceof String text) ? text : null;
	}

}
