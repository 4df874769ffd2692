package com.example.sessions.store;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Conditions on {@code app.sessions.store}. JDBC, the default, also takes any value that
 * names no store: then its beans are made, and binding {@link SessionStoreProperties}
 * stops the start with a message naming the setting and the values it takes (rather than
 * Spring Boot's own session configuration stepping in for a store that is missing).
 */
abstract class OnStore implements Condition {

	private final SessionStoreProperties.Store store;

	OnStore(SessionStoreProperties.Store store) {
		this.store = store;
	}

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return this.store == SessionStoreProperties.named(
				context.getEnvironment().getProperty(SessionStoreProperties.STORE), SessionStoreProperties.Store.JDBC);
	}

	static final class Jdbc extends OnStore {

		Jdbc() {
			super(SessionStoreProperties.Store.JDBC);
		}

	}

	static final class Redis extends OnStore {

		Redis() {
			super(SessionStoreProperties.Store.REDIS);
		}

	}

	static final class Memory extends OnStore {

		Memory() {
			super(SessionStoreProperties.Store.MEMORY);
		}

	}

}
