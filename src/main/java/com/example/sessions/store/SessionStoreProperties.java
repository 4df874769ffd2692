package com.example.sessions.store;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which store keeps the sessions, and how.
 *
 * @param store where the sessions live ({@code APP_SESSIONS_STORE}; the {@code redis} and
 * {@code memory} profiles set it). Nothing else decides: an application may have a
 * database and keep its sessions in Redis, or the reverse.
 * @param repository which code keeps them there ({@code APP_SESSIONS_REPOSITORY}): this
 * app's repositories ({@code app}), or Spring Session's own ({@code spring-session}),
 * which read and write the same data (see the README for what differs)
 * @param touchInterval how stale a session's recorded last access may get before a read
 * rewrites it. Reads within this interval of the last recorded access write nothing, so a
 * session may expire up to this much earlier than exactly the idle timeout after its last
 * request (Redis and JDBC stores).
 * @param absoluteTimeout how long a session lives at most, however active: after this
 * long since sign-in the visitor signs in again (Spring Session has no such limit). A
 * session with a longer idle timeout of its own (remember me) lives that long instead.
 * @param durablePageViews whether a page view's bookkeeping on PostgreSQL (the last
 * access, the page count) waits, like every other write, for the disk and any synchronous
 * standby ({@code APP_SESSIONS_DURABLE_PAGE_VIEWS}). By default it does not: a crash or a
 * failover may take back a moment's page views and accesses, and pages are served while a
 * synchronous standby is missing (see the README)
 */
@ConfigurationProperties("app.sessions")
record SessionStoreProperties(@DefaultValue("jdbc") Store store, @DefaultValue("app") Repository repository,
		@DefaultValue("10s") Duration touchInterval, @DefaultValue("12h") Duration absoluteTimeout,
		boolean durablePageViews) {

	static final String STORE = "app.sessions.store";

	static final String REPOSITORY = "app.sessions.repository";

	/**
	 * The value a setting names, read before the settings are bound (in conditions and
	 * environment post-processors) exactly as leniently as Spring Boot binds it: letters
	 * and digits only, any case ({@code spring-session}, {@code springSession},
	 * {@code SPRING_SESSION}).
	 * @return the value, or {@code fallback} where it names none (binding then stops the
	 * start with a message naming the setting)
	 */
	static <E extends Enum<E>> E named(@Nullable String setting, E fallback) {
		String wanted = (setting != null) ? setting.replaceAll("[^A-Za-z0-9]", "") : "";
		for (E value : fallback.getDeclaringClass().getEnumConstants()) {
			if (value.name().replace("_", "").equalsIgnoreCase(wanted)) {
				return value;
			}
		}
		return fallback;
	}

	/**
	 * How long a session with the given idle timeout lives at most since its creation.
	 */
	Duration lifetime(Duration idleTimeout) {
		return (idleTimeout.compareTo(this.absoluteTimeout) > 0) ? idleTimeout : this.absoluteTimeout;
	}

	enum Repository {

		/**
		 * This app's repositories ({@link RedisSessionStore}, {@link JdbcSessionStore}).
		 */
		APP,

		/**
		 * Spring Session's {@code RedisSessionRepository} and
		 * {@code JdbcIndexedSessionRepository}, configured as Spring Boot would.
		 */
		SPRING_SESSION

	}

	enum Store {

		/**
		 * Spring Session JDBC's tables, in the application's database (or the one
		 * annotated {@code @SpringSessionDataSource}).
		 */
		JDBC,

		/**
		 * A hash per session in Redis.
		 */
		REDIS,

		/**
		 * This process only: lost on restart, not shared between instances.
		 */
		MEMORY

	}

}
