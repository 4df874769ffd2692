package com.example.sessions.store;

import org.jspecify.annotations.Nullable;

/**
 * Names the session attribute, if any, that loading the session for the current request
 * counts up by one. The store does it in the same round trip as the load, atomically, so
 * a count kept in the session costs nothing extra and concurrent requests (two tabs)
 * never lose an increment, which a read-modify-write through the session would.
 */
@FunctionalInterface
public interface ReadCounter {

	/**
	 * Counts nothing.
	 */
	ReadCounter NONE = () -> null;

	/**
	 * The attribute to count up while loading the session now, or {@code null}. Its value
	 * is a number; a missing or unreadable one counts from zero.
	 */
	@Nullable String attributeToCount();

}
