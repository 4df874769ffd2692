package com.example.sessions.store;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Leaves out the client that the store named by {@code app.sessions.store} does not need:
 * the Redis client for the JDBC store, the database (Spring Boot would otherwise open
 * one) for Redis, both for memory. Housekeeping, not the choice of store: it is a default
 * of the lowest precedence, so an application that sets
 * {@code spring.autoconfigure.exclude} itself (to keep a database of its own beside Redis
 * sessions, say) replaces it, and its sessions stay where {@code app.sessions.store}
 * says.
 */
class StoreHousekeeping implements EnvironmentPostProcessor, Ordered {

	private static final String REDIS_CLIENT = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration";

	private static final String DATABASE = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		SessionStoreProperties.Store store = SessionStoreProperties
			.named(environment.getProperty(SessionStoreProperties.STORE), SessionStoreProperties.Store.JDBC);
		String unused = switch (store) {
			case REDIS -> DATABASE;
			case MEMORY -> REDIS_CLIENT + "," + DATABASE;
			case JDBC -> REDIS_CLIENT;
		};
		environment.getPropertySources()
			.addLast(new MapPropertySource("sessionStoreHousekeeping", Map.of("spring.autoconfigure.exclude", unused)));
	}

	/**
	 * After the property files are read: the store may be named in a profile's file.
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
