package com.example.sessions.support;

/**
 * Counts the round trips the application makes to its session store.
 */
public interface RoundTrips {

	/**
	 * Round trips since the previous call (or since the counter was made).
	 */
	long sinceLastCall();

}
