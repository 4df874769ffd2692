package com.example.sessions.store;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The {@link SessionStoreDescription} of the settings in force:
 * {@code app.sessions.store} and {@code app.sessions.repository} say which repository
 * runs.
 */
record StoreDescription(Supplier<String> storeName, Duration defaultIdleTimeout, SessionStoreProperties properties,
		SessionAttributeJson json) implements SessionStoreDescription {

	@Override
	public String store() {
		return this.storeName.get();
	}

	@Override
	public String repository() {
		boolean app = this.properties.repository() == SessionStoreProperties.Repository.APP;
		return switch (this.properties.store()) {
			case REDIS -> app ? "RedisSessionStore" : "RedisSessionRepository (Spring Session)";
			case JDBC -> app ? "JdbcSessionStore" : "JdbcIndexedSessionRepository (Spring Session)";
			case MEMORY -> "MapSessionRepository (Spring Session)";
		};
	}

	/**
	 * This app's Redis and JDBC repositories count while loading; Spring Session's and
	 * the memory store do not.
	 */
	@Override
	public boolean countsReads() {
		return this.properties.store() != SessionStoreProperties.Store.MEMORY
				&& this.properties.repository() == SessionStoreProperties.Repository.APP;
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
