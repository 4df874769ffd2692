package com.example.sessions.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.sql.DataSource;
import io.lettuce.core.ReadFrom;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.session.actuate.endpoint.SessionsEndpoint;
import org.springframework.boot.session.autoconfigure.SessionTimeout;
import org.springframework.boot.session.autoconfigure.SessionsEndpointAutoConfiguration;
import org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisAutoConfiguration;
import org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisProperties;
import org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionAutoConfiguration;
import org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionDataSourceScriptDatabaseInitializer;
import org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettucePoolingClientConfiguration;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionIdGenerator;
import org.springframework.session.SessionRepository;
import org.springframework.session.data.redis.RedisSessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.config.annotation.SpringSessionDataSource;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.function.SingletonSupplier;

/**
 * The session store, as {@code app.sessions.store} names it: {@code jdbc} (the default
 * and {@code postgres} profiles), {@code redis} ({@code redis} profile) or {@code memory}
 * ({@code memory} profile). That setting alone decides: whatever else the application
 * configures (a database beside Redis, a Redis beside the database), there is one session
 * repository. Takes the place of Spring Session's own repositories; see
 * {@link RedisSessionStore} and {@link JdbcSessionStore} for why.
 */
@AutoConfiguration(after = { DataRedisAutoConfiguration.class, DataSourceAutoConfiguration.class },
		before = { SessionDataRedisAutoConfiguration.class, JdbcSessionAutoConfiguration.class,
				SessionsEndpointAutoConfiguration.class })
@EnableConfigurationProperties({ SessionStoreProperties.class, JdbcSessionProperties.class,
		SessionDataRedisProperties.class })
// Conditions sit on the bean methods, not on nested configuration classes: those would be
// found by the application's component scan and evaluated too early.
class SessionStoreAutoConfiguration {

	private static final Log logger = LogFactory.getLog(SessionStoreAutoConfiguration.class);

	/**
	 * On a single Redis, a probe that times out gets the store a new connection
	 * ({@link StoreOutage}). Not with Sentinel or a cluster, whose clients find the
	 * server that is up by themselves (a connection to a master that Sentinel still
	 * reports up but that no longer answers is not replaced), nor with a pool of
	 * connections, from which the reset would only take the same connection again. On a
	 * JDBC store a load answered says nothing of writes: each kind has its own outage.
	 */
	@Bean
	StoreOutage storeOutage(SessionStoreProperties properties, ObjectProvider<RedisConnectionFactory> redis) {
		if (properties.store() == SessionStoreProperties.Store.REDIS
				&& redis.getIfAvailable() instanceof LettuceConnectionFactory lettuce && !lettuce.isRedisSentinelAware()
				&& !isCluster(lettuce)
				&& !(lettuce.getClientConfiguration() instanceof LettucePoolingClientConfiguration)) {
			return new StoreOutage(lettuce::resetConnection);
		}
		return new StoreOutage(() -> {
		}, properties.store() != SessionStoreProperties.Store.JDBC);
	}

	/**
	 * Spring Session's filter, as Spring Session's own configuration would make it, but
	 * seeing the store, whichever repository keeps it, through
	 * {@link OutageTrackingSessionRepository} and {@link AbsoluteLifetime} (and Spring
	 * Session's repositories through {@link SpringSessionGuards}). Spring Boot registers
	 * it ({@code spring.session.servlet.*}).
	 */
	@Bean
	<S extends Session> SessionRepositoryFilter<S> sessionRepositoryFilter(SessionRepository<S> sessions,
			StoreOutage outage, SessionStoreProperties properties, CookieSerializer cookies, SessionMetrics metrics) {
		SessionRepository<S> store = (properties.repository() == SessionStoreProperties.Repository.SPRING_SESSION
				&& properties.store() != SessionStoreProperties.Store.MEMORY)
						? new SpringSessionGuards<>(sessions, metrics) : sessions;
		SessionRepositoryFilter<S> filter = new SessionRepositoryFilter<>(new OutageTrackingSessionRepository<>(
				new AbsoluteLifetime<>(store, properties, Clock.systemUTC()), outage));
		CookieHttpSessionIdResolver ids = new CookieHttpSessionIdResolver();
		ids.setCookieSerializer(cookies);
		filter.setHttpSessionIdResolver(new FirstSessionIds(ids));
		return filter;
	}

	/**
	 * Spring Boot's sessions endpoint for the administrator, as Spring Boot would make
	 * it, but looking at a session by id without touching it where this app's store keeps
	 * the sessions ({@link AdministratorsSessions}; Spring Session's repositories record
	 * no access when asked by id).
	 */
	@Bean
	@ConditionalOnAvailableEndpoint(SessionsEndpoint.class)
	SessionsEndpoint sessionEndpoint(SessionRepository<? extends Session> sessions,
			ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> byName, SessionMetrics metrics) {
		return new SessionsEndpoint(
				(sessions instanceof PeekingStore store) ? new AdministratorsSessions(store, metrics) : sessions,
				byName.getIfAvailable());
	}

	@Bean
	SessionAttributeJson sessionAttributeJson() {
		return new SessionAttributeJson();
	}

	@Bean
	ConcurrentChanges concurrentChanges(ObjectProvider<SessionAttributeMerger> mergers, SessionAttributeJson json) {
		return new ConcurrentChanges(mergers.orderedStream().toList(), json);
	}

	@Bean
	SessionMetrics sessionMetrics(MeterRegistry registry) {
		return new SessionMetrics(registry);
	}

	@Bean
	@ConditionalOnMissingBean
	SessionIdGenerator sessionIdGenerator() {
		return new RandomSessionIdGenerator();
	}

	/**
	 * Spring Session's principal-name attribute, unless the application names its own.
	 */
	@Bean
	@ConditionalOnMissingBean
	PrincipalNameAttribute principalNameAttribute() {
		return PrincipalNameAttribute.SPRING_SESSION;
	}

	@Bean
	@Conditional(OnStore.Redis.class)
	RedisKeys redisSessionKeys(SessionDataRedisProperties redis, SessionStoreProperties properties) {
		if (properties.repository() == SessionStoreProperties.Repository.APP) {
			UnsupportedSessionSettings.check(redis);
		}
		return new RedisKeys(redis.getNamespace());
	}

	@Bean
	@Conditional({ OnStore.Redis.class, OnRepository.App.class })
	RedisSessionStore redisSessionStore(RedisConnectionFactory connectionFactory, RedisKeys keys,
			PrincipalNameAttribute principalName, SessionTimeout timeout, SessionStoreProperties properties,
			SessionIdGenerator idGenerator, SessionAttributeJson json, ObjectProvider<ReadCounter> readCounter,
			SessionMetrics metrics, ConcurrentChanges concurrentChanges) {
		logger.info("Sessions kept by this app's Redis repository (app.sessions.repository=app), found by the name "
				+ "in their attribute '" + principalName.attribute() + "'");
		RedisSessionStore sessions = new RedisSessionStore(redisTemplate(connectionFactory), keys, principalName, json,
				idGenerator, idleTimeout(timeout), properties, readCounter.getIfAvailable(() -> ReadCounter.NONE),
				metrics, Clock.systemUTC(), concurrentChanges);
		metrics.countActiveWith(sessions::countActive);
		return sessions;
	}

	/**
	 * Counts the sessions Redis expires, where Redis can tell (not on a cluster: see
	 * {@link RedisExpiredSessions}).
	 */
	@Bean
	@Conditional(OnStore.Redis.class)
	RedisMessageListenerContainer expiredSessionsListener(RedisConnectionFactory connectionFactory, RedisKeys keys,
			SessionMetrics metrics, SessionDataRedisProperties redis) {
		RedisMessageListenerContainer container = new RedisExpiryListenerContainer();
		container.setConnectionFactory(connectionFactory);
		// Started by expiredSessionsSubscription, which does not let Redis hold up the
		// application's start.
		container.setAutoStartup(false);
		if (isCluster(connectionFactory)) {
			logger.info("Redis Cluster: expired sessions are not counted (each node notifies only its own "
					+ "subscribers); Redis's own expired_keys statistic has them per node");
		}
		else {
			boolean configure = redis.getConfigureAction() != SessionDataRedisProperties.ConfigureAction.NONE;
			Runnable whenSubscribed = () -> {
				if (configure) {
					RedisExpiredSessions.enableNotifications(connectionFactory);
				}
			};
			ChannelTopic notifications = RedisExpiredSessions.channel(database(connectionFactory));
			logger.info("Expired sessions are counted from Redis's " + notifications.getTopic() + " notifications");
			container.addMessageListener(
					new RedisExpiredSessions(redisTemplate(connectionFactory), keys, metrics, whenSubscribed),
					notifications);
		}
		return container;
	}

	@Bean
	@Conditional(OnStore.Redis.class)
	RedisExpirySubscription expiredSessionsSubscription(RedisMessageListenerContainer expiredSessionsListener,
			RedisConnectionFactory connectionFactory) {
		if (isCluster(connectionFactory)) {
			return new RedisExpirySubscription(expiredSessionsListener, null);
		}
		RedisExpirySubscription.Check check = RedisExpirySubscription.Check.of(connectionFactory);
		expiredSessionsListener.addMessageListener((message, pattern) -> {
			// Only its subscribers are counted: nothing is published on it.
		}, check.topic());
		return new RedisExpirySubscription(expiredSessionsListener, check);
	}

	/**
	 * With Sentinel, the client follows the master as Sentinel moves it (Lettuce's
	 * master/replica connection, listening to the sentinels, reading from the master
	 * only). Otherwise it would look for the new master only when its connection to the
	 * old one broke: a master that hangs rather than dies (a frozen host, a partition)
	 * would fail every request until it came back. A {@code read-from} set by hand is
	 * kept.
	 */
	@Bean
	@Conditional(OnStore.Redis.class)
	LettuceClientConfigurationBuilderCustomizer sentinelFailoverFollowing(DataRedisConnectionDetails connection,
			DataRedisProperties properties) {
		return (client) -> {
			if (connection.getSentinel() != null && properties.getLettuce().getReadFrom() == null) {
				client.readFrom(ReadFrom.UPSTREAM);
			}
		};
	}

	@Bean
	@Conditional(OnStore.Redis.class)
	RedisConnectionWarmUp redisConnectionWarmUp(RedisConnectionFactory connectionFactory) {
		return new RedisConnectionWarmUp(connectionFactory);
	}

	private static boolean isCluster(RedisConnectionFactory connectionFactory) {
		return connectionFactory instanceof LettuceConnectionFactory lettuce && lettuce.isClusterAware();
	}

	/**
	 * The database the Lettuce connection factory selects
	 * ({@code spring.data.redis.database} or the URL's), where the sessions live; 0 for a
	 * factory of another kind.
	 */
	private static int database(RedisConnectionFactory connectionFactory) {
		return (connectionFactory instanceof LettuceConnectionFactory lettuce) ? lettuce.getDatabase() : 0;
	}

	/**
	 * Keys as strings, values and hash fields as raw bytes: values are JSON written by
	 * {@link SessionAttributeJson}.
	 */
	private static RedisTemplate<String, byte[]> redisTemplate(RedisConnectionFactory connectionFactory) {
		RedisTemplate<String, byte[]> redis = new RedisTemplate<>();
		redis.setConnectionFactory(connectionFactory);
		redis.setKeySerializer(RedisSerializer.string());
		redis.setValueSerializer(RedisSerializer.byteArray());
		redis.setHashKeySerializer(RedisSerializer.byteArray());
		redis.setHashValueSerializer(RedisSerializer.byteArray());
		// The connection as it is: otherwise every call (every script) wraps it in a new
		// JDK proxy first.
		redis.setExposeConnection(true);
		redis.afterPropertiesSet();
		return redis;
	}

	@Bean
	@Conditional({ OnStore.Jdbc.class, OnRepository.App.class })
	JdbcSessionStore jdbcSessionStore(@SpringSessionDataSource ObjectProvider<DataSource> sessionDataSource,
			ObjectProvider<DataSource> applicationDataSource, JdbcSessionProperties jdbcProperties,
			PrincipalNameAttribute principalName, SessionStoreProperties properties, SessionTimeout timeout,
			SessionIdGenerator idGenerator, SessionAttributeJson json, ObjectProvider<ReadCounter> readCounter,
			SessionMetrics metrics, ConcurrentChanges concurrentChanges) {
		UnsupportedSessionSettings.check(jdbcProperties);
		DataSource dataSource = sessionDataSource(sessionDataSource, applicationDataSource);
		logger.info("Sessions kept by this app's JDBC repository (app.sessions.repository=app), found by the name "
				+ "in their attribute '" + principalName.attribute() + "'");
		JdbcSessionStore sessions = new JdbcSessionStore(new NamedParameterJdbcTemplate(dataSource),
				new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
				dialectFor(dataSource, jdbcProperties.getTableName(), properties), principalName, json, idGenerator,
				idleTimeout(timeout), properties, readCounter.getIfAvailable(() -> ReadCounter.NONE), metrics,
				Clock.systemUTC(), concurrentChanges);
		metrics.countActiveWith(sessions::countActive);
		return sessions;
	}

	@Bean
	@Conditional(OnStore.Jdbc.class)
	JdbcSessionDataSourceScriptDatabaseInitializer jdbcSessionSchemaInitializer(
			@SpringSessionDataSource ObjectProvider<DataSource> sessionDataSource,
			ObjectProvider<DataSource> applicationDataSource, JdbcSessionProperties properties) {
		return new JdbcSessionDataSourceScriptDatabaseInitializer(
				sessionDataSource(sessionDataSource, applicationDataSource), properties);
	}

	/**
	 * The database annotated {@code @SpringSessionDataSource}, if any, else the
	 * application's, as Spring Boot chooses for Spring Session JDBC.
	 */
	private static DataSource sessionDataSource(ObjectProvider<DataSource> sessionDataSource,
			ObjectProvider<DataSource> applicationDataSource) {
		DataSource dataSource = sessionDataSource.getIfAvailable(applicationDataSource::getIfUnique);
		if (dataSource == null) {
			throw new SessionStoreSettingsException("app.sessions.store=jdbc, but there is no database",
					"Set spring.datasource.url (SPRING_DATASOURCE_URL), or mark the one for sessions with "
							+ "@SpringSessionDataSource; if spring.autoconfigure.exclude is set, it must not name "
							+ "DataSourceAutoConfiguration. Or name another store in app.sessions.store.");
		}
		return dataSource;
	}

	/**
	 * Spring Session's {@code RedisSessionRepository} (with
	 * {@code app.sessions.repository} set to {@code spring-session}): the same keys and
	 * values as {@link RedisSessionStore}.
	 */
	@Bean
	@Conditional({ OnStore.Redis.class, OnRepository.SpringSession.class })
	RedisSessionRepository springSessionRedisRepository(RedisConnectionFactory connectionFactory,
			SessionDataRedisProperties redis, SessionTimeout timeout, SessionIdGenerator idGenerator,
			SessionAttributeJson json) {
		logger.info("Sessions kept by Spring Session's RedisSessionRepository (app.sessions.repository)");
		return SpringSessionRepositories.redis(connectionFactory, redis, idleTimeout(timeout), idGenerator, json);
	}

	/**
	 * Spring Session's {@code JdbcIndexedSessionRepository} (with
	 * {@code app.sessions.repository} set to {@code spring-session}): the same rows and
	 * values as {@link JdbcSessionStore}; it deletes expired rows itself
	 * ({@code spring.session.jdbc.cleanup-cron}).
	 */
	@Bean
	@Conditional({ OnStore.Jdbc.class, OnRepository.SpringSession.class })
	JdbcIndexedSessionRepository springSessionJdbcRepository(
			@SpringSessionDataSource ObjectProvider<DataSource> sessionDataSource,
			ObjectProvider<DataSource> applicationDataSource, JdbcSessionProperties jdbcProperties,
			PrincipalNameAttribute principalName, SessionTimeout timeout, SessionIdGenerator idGenerator,
			SessionAttributeJson json) {
		logger.info("Sessions kept by Spring Session's JdbcIndexedSessionRepository (app.sessions.repository), "
				+ "found by the name in their attribute '" + principalName.attribute() + "'");
		return SpringSessionRepositories.jdbc(sessionDataSource(sessionDataSource, applicationDataSource),
				jdbcProperties, principalName, idleTimeout(timeout), idGenerator, json);
	}

	/**
	 * {@code app.sessions.store=memory} (the {@code memory} profile): sessions in this
	 * process only, lost on restart and not shared between instances. A baseline for
	 * benchmarks and a convenience for development.
	 */
	@Bean
	@Conditional(OnStore.Memory.class)
	MapSessionRepository inMemorySessionRepository(SessionTimeout timeout, SessionIdGenerator idGenerator,
			SessionMetrics metrics) {
		logger.warn("Sessions are kept in this process's memory (app.sessions.store=memory): lost on restart "
				+ "and not shared between instances");
		Map<String, Session> map = new ConcurrentHashMap<>();
		metrics.countActiveWith(() -> map.values().stream().filter((session) -> !session.isExpired()).count());
		MapSessionRepository sessions = new MapSessionRepository(map);
		sessions.setSessionIdGenerator(idGenerator);
		sessions.setDefaultMaxInactiveInterval(idleTimeout(timeout));
		return sessions;
	}

	/**
	 * Named by the settings, not by the repository's class: Spring Session's JDBC
	 * repository keeps sessions in any database, so the database names itself.
	 */
	@Bean
	SessionStoreDescription sessionStoreDescription(SessionStoreProperties properties,
			@SpringSessionDataSource ObjectProvider<DataSource> sessionDataSource,
			ObjectProvider<DataSource> applicationDataSource, SessionTimeout timeout, SessionAttributeJson json) {
		// The database's name is asked for when the panel first shows it.
		Supplier<String> store = switch (properties.store()) {
			case REDIS -> () -> "Redis";
			case JDBC ->
				SingletonSupplier.of(() -> databaseName(sessionDataSource(sessionDataSource, applicationDataSource)));
			case MEMORY -> () -> "Memory (this process only)";
		};
		return new StoreDescription(store, idleTimeout(timeout), properties, json);
	}

	@Bean(destroyMethod = "shutdown")
	@Conditional({ OnStore.Jdbc.class, OnRepository.App.class })
	ThreadPoolTaskScheduler expiredSessionsSweeper(JdbcSessionStore sessions, JdbcSessionProperties properties) {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setThreadNamePrefix("expired-sessions-");
		scheduler.initialize();
		scheduler.schedule(() -> sweepExpired(sessions), new CronTrigger(properties.getCleanupCron()));
		return scheduler;
	}

	/**
	 * While the database is down the sweep fails every minute; one line says so, a stack
	 * trace would only bury the log. The next sweep after recovery catches up.
	 */
	private static void sweepExpired(JdbcSessionStore sessions) {
		try {
			sessions.deleteExpired();
		}
		catch (DataAccessException ex) {
			logger.warn("Could not delete expired sessions: " + ex.getMostSpecificCause().getMessage());
		}
	}

	private static Duration idleTimeout(SessionTimeout timeout) {
		Duration configured = timeout.getTimeout();
		return (configured != null) ? configured : MapSession.DEFAULT_MAX_INACTIVE_INTERVAL;
	}

	private static JdbcDialect dialectFor(DataSource dataSource, String table, SessionStoreProperties properties) {
		DatabaseDriver database = DatabaseDriver.fromProductName(databaseName(dataSource));
		return switch (database) {
			case POSTGRESQL -> new PostgresDialect(table, properties.durablePageViews());
			case H2 -> new H2Dialect(table);
			default ->
				throw new IllegalStateException("Sessions can be kept in PostgreSQL or H2, not in " + database.name());
		};
	}

	/**
	 * The database's own name for itself ("PostgreSQL", "H2").
	 */
	private static String databaseName(DataSource dataSource) {
		try {
			return JdbcUtils.extractDatabaseMetaData(dataSource, (metaData) -> metaData.getDatabaseProductName());
		}
		catch (MetaDataAccessException ex) {
			throw new IllegalStateException("Cannot tell which database holds the sessions", ex);
		}
	}

}
