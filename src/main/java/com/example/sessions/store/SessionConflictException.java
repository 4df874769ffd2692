package com.example.sessions.store;

/**
 * Another request of the same session changed an attribute that this request changed too,
 * after this one loaded it, and the two changes cannot be merged: this request's changes
 * were not stored, none of them. Answered with {@code 409 Conflict}.
 */
final class SessionConflictException extends RuntimeException {

	SessionConflictException(String attribute) {
		super("Attribute '" + attribute + "' was changed by another request of the same session");
	}

	SessionConflictException(String attribute, String reason) {
		super("Attribute '" + attribute + "' was changed by another request of the same session: " + reason);
	}

	SessionConflictException(Throwable cause) {
		super("Another request of the same session wrote the same attribute at the same moment", cause);
	}

}
