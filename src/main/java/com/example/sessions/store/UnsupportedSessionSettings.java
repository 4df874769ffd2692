package com.example.sessions.store;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisProperties;
import org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionProperties;
import org.springframework.session.FlushMode;
import org.springframework.session.SaveMode;

/**
 * Spring Boot's session settings that this app's stores do not follow stop the start with
 * a message naming them, rather than being ignored without a word. The ones they follow:
 * {@code spring.session.timeout}, {@code spring.session.data.redis.namespace} and
 * {@code .configure-action}, {@code spring.session.jdbc.table-name},
 * {@code .cleanup-cron}, {@code .initialize-schema}, {@code .schema}, {@code .platform},
 * and {@code @SpringSessionDataSource}.
 */
final class UnsupportedSessionSettings {

	private UnsupportedSessionSettings() {
	}

	static void check(SessionDataRedisProperties redis) {
		List<String> unsupported = new ArrayList<>();
		modes("spring.session.data.redis", redis.getFlushMode(), redis.getSaveMode(), unsupported);
		if (redis.getRepositoryType() != SessionDataRedisProperties.RepositoryType.DEFAULT) {
			unsupported.add("spring.session.data.redis.repository-type=" + redis.getRepositoryType()
					+ " (this app's store keeps Spring Session's default layout and indexes names itself)");
		}
		if (redis.getCleanupCron() != null) {
			unsupported.add("spring.session.data.redis.cleanup-cron (Redis expires the sessions itself)");
		}
		fail(unsupported);
	}

	static void check(JdbcSessionProperties jdbc) {
		List<String> unsupported = new ArrayList<>();
		modes("spring.session.jdbc", jdbc.getFlushMode(), jdbc.getSaveMode(), unsupported);
		fail(unsupported);
	}

	private static void modes(String prefix, FlushMode flushMode, SaveMode saveMode, List<String> unsupported) {
		if (flushMode != FlushMode.ON_SAVE) {
			unsupported.add(prefix + ".flush-mode=" + flushMode
					+ " (sessions are written once, at the end of the request: on-save)");
		}
		if (saveMode != SaveMode.ON_SET_ATTRIBUTE) {
			unsupported.add(prefix + ".save-mode=" + saveMode
					+ " (exactly the attributes a request sets are written, checked against concurrent changes: on-set-attribute)");
		}
	}

	private static void fail(List<String> unsupported) {
		if (!unsupported.isEmpty()) {
			throw new SessionStoreSettingsException(
					"Session settings this app's store does not follow: " + String.join("; ", unsupported),
					"Remove these settings (README, \"Pick a store\", lists the ones that are followed).");
		}
	}

}
