package com.example.sessions.store;

import java.time.Duration;

/**
 * The {@link SessionStoreDescription} of the settings in force.
 */
record StoreDescription(String store, String repository, boolean countsReads, Duration defaultIdleTimeout,
		SessionStoreProperties properties, SessionAttributeJson json) implements SessionStoreDescription {

	@Override
	public Duration lifetime(Duration idleTimeout) {
		return this.properties.lifetime(idleTimeout);
	}

	@Override
	public int storedBytes(Object value) {
		return this.json.write(value).length;
	}

}
