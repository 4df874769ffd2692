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
 * table, chosen by profile); the browser only holds the {@code SESSION} cookie.
 */
// Left out, because the app does not use them: a generated user (Spring Security is here
// for CSRF protection and headers only); the reactive Redis client and its health check
// (the blocking one reports the same "redis" component); Spring Data's repository metrics
// and web support (there are no repositories); executors and schedulers for @Async and
// @Scheduled methods (there are none; the stores' sweepers bring their own); exception
// translation for @Repository beans (none); and an observation of every Redis command,
// which cost more than the work it observed. Fewer configuration classes to read and
// beans
// to create: a new instance serves its first page about 7 % sooner (README, "Start-up and
// the Java release").
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
