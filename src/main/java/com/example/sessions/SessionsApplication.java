package com.example.sessions;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.data.autoconfigure.metrics.DataRepositoryMetricsAutoConfiguration;
import org.springframework.boot.data.autoconfigure.web.DataWebAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ScheduledTasksObservationAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.PersistenceExceptionTranslationAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

/**
 * A "remember my name" web app whose session data lives server-side (Redis or a JDBC
 * table, as {@code app.sessions.store} says); the browser only holds the {@code SESSION}
 * cookie.
 */
// Left out, because the app does not use them (a start has fewer configuration classes
// to read and beans to create). A generated user: Spring Security is here for CSRF
// protection and headers only. Spring Data Redis's reactive templates and reactive
// health check: the blocking one reports the same "redis" component. Spring Data's
// repository metrics and its web binding of Pageable and Sort: there are no
// repositories. The executor and scheduler for @Async and @Scheduled methods and the
// observation of scheduled tasks: there are none (whoever adds one takes these out of
// the list); the JDBC stores' sweepers bring their own scheduler, and Redis expires
// keys itself. Exception translation for @Repository beans: there are none. An
// observation of every Redis command: it cost more than the work it observed
// (management.observations.enable.lettuce has no effect any more).
@SpringBootApplication(exclude = { UserDetailsServiceAutoConfiguration.class, DataRedisReactiveAutoConfiguration.class,
		DataRedisReactiveHealthContributorAutoConfiguration.class, DataRepositoryMetricsAutoConfiguration.class,
		DataWebAutoConfiguration.class, TaskExecutionAutoConfiguration.class, TaskSchedulingAutoConfiguration.class,
		ScheduledTasksObservationAutoConfiguration.class, PersistenceExceptionTranslationAutoConfiguration.class,
		LettuceObservationAutoConfiguration.class })
public class SessionsApplication {

	public static void main(String[] args) {
		SpringApplication.run(SessionsApplication.class, args);
	}

}
