package com.example.sessions.store;

import java.util.Locale;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Conditions on {@code app.sessions.repository}. This app's repositories, the default,
 * also take any value that names none: then binding {@link SessionStoreProperties} stops
 * the start with a message naming the setting.
 */
abstract class OnRepository implements Condition {

	private final boolean springSession;

	OnRepository(boolean springSession) {
		this.springSession = springSession;
	}

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String value = context.getEnvironment().getProperty(SessionStoreProperties.REPOSITORY, "app");
		// As leniently as Spring Boot binds the enum: letters and digits only, any case.
		String normalized = value.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
		return this.springSession == normalized.equals("springsession");
	}

	static final class App extends OnRepository {

		App() {
			super(false);
		}

	}

	static final class SpringSession extends OnRepository {

		SpringSession() {
			super(true);
		}

	}

}
