package com.example.sessions.store;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Conditions on {@code app.sessions.repository}. This app's repositories, the default,
 * also take any value that names none: then binding {@link SessionStoreProperties} stops
 * the start with a message naming the setting.
 */
abstract class OnRepository implements Condition {

	private final SessionStoreProperties.Repository repository;

	OnRepository(SessionStoreProperties.Repository repository) {
		this.repository = repository;
	}

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return this.repository == SessionStoreProperties.named(
				context.getEnvironment().getProperty(SessionStoreProperties.REPOSITORY),
				SessionStoreProperties.Repository.APP);
	}

	static final class App extends OnRepository {

		App() {
			super(SessionStoreProperties.Repository.APP);
		}

	}

	static final class SpringSession extends OnRepository {

		SpringSession() {
			super(SessionStoreProperties.Repository.SPRING_SESSION);
		}

	}

}
