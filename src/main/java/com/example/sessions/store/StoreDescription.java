package com.example.sessions.store;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The {@link SessionStoreDescription} of the settings in force.
 */
record StoreDescription(Supplier<String> storeName, String repository, boolean countsReads, Duration defaultIdleTimeout,
		SessionStoreProperties properties, SessionAttributeJson json) implements SessionStoreDescription {

	@Override
	public String store() {
		return this.storeName.get();
	}

	@Override
	public Duration lifetime(Duration idleTimeout) {
		return this.properties.lifetime(idleTimeout);
	}

	@Override
	public int storedBytes(Object value) {
		return this.json.write(value).length;
	}

}
