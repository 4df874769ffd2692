package com.example.sessions.store;

import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisProperties;
import org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionProperties;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.SessionIdGenerator;
import org.springframework.session.data.redis.RedisSessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring Session's own repositories, configured the way Spring Boot configures them
 * ({@code spring.session.*}), but writing the values as this app's JSON
 * ({@link SessionAttributeJson}) and issuing this app's ids, so that they read and write
 * the very data this app's repositories do: switching {@code app.sessions.repository}
 * keeps everyone signed in, cart and all.
 */
final class SpringSessionRepositories {

	/**
	 * Spring Session's own query for a session with its attributes, the id trimmed.
	 */
	private static final String SELECT_SESSION = """
			SELECT S.PRIMARY_ID, RTRIM(S.SESSION_ID) AS SESSION_ID, S.CREATION_TIME, S.LAST_ACCESS_TIME,
			  S.MAX_INACTIVE_INTERVAL, SA.ATTRIBUTE_NAME, SA.ATTRIBUTE_BYTES
			FROM %TABLE_NAME% S
			LEFT JOIN %TABLE_NAME%_ATTRIBUTES SA ON S.PRIMARY_ID = SA.SESSION_PRIMARY_ID
			""";

	private SpringSessionRepositories() {
	}

	static RedisSessionRepository redis(RedisConnectionFactory connections, SessionDataRedisProperties properties,
			Duration idleTimeout, SessionIdGenerator ids, SessionAttributeJson json) {
		if (properties.getRepositoryType() != SessionDataRedisProperties.RepositoryType.DEFAULT) {
			throw new SessionStoreSettingsException(
					"spring.session.data.redis.repository-type=" + properties.getRepositoryType()
							+ " is not offered with app.sessions.repository=spring-session",
					"Remove spring.session.data.redis.repository-type: the name index and expiry events of the "
							+ "indexed repository are not wired here.");
		}
		RedisTemplate<String, Object> redis = new RedisTemplate<>();
		redis.setConnectionFactory(connections);
		redis.setKeySerializer(RedisSerializer.string());
		redis.setHashKeySerializer(RedisSerializer.string());
		RedisSerializer<Object> values = serializer(json);
		redis.setValueSerializer(values);
		redis.setHashValueSerializer(values);
		// As for this app's repository: no JDK proxy around the connection on every call.
		redis.setExposeConnection(true);
		redis.afterPropertiesSet();
		RedisSessionRepository sessions = new RedisSessionRepository(redis);
		sessions.setRedisKeyNamespace(properties.getNamespace());
		sessions.setDefaultMaxInactiveInterval(idleTimeout);
		sessions.setFlushMode(properties.getFlushMode());
		sessions.setSaveMode(properties.getSaveMode());
		sessions.setSessionIdGenerator(ids);
		return sessions;
	}

	static JdbcIndexedSessionRepository jdbc(DataSource dataSource, JdbcSessionProperties properties,
			PrincipalNameAttribute principalName, Duration idleTimeout, SessionIdGenerator ids,
			SessionAttributeJson json) {
		// Each save in a transaction of its own, as Spring Session's own configuration
		// does.
		TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		JdbcIndexedSessionRepository sessions = new JdbcIndexedSessionRepository(new JdbcTemplate(dataSource),
				transactions);
		sessions.setTableName(properties.getTableName());
		sessions.setDefaultMaxInactiveInterval(idleTimeout);
		sessions.setFlushMode(properties.getFlushMode());
		sessions.setSaveMode(properties.getSaveMode());
		sessions.setCleanupCron(properties.getCleanupCron());
		sessions.setSessionIdGenerator(ids);
		// PRINCIPAL_NAME from the attribute this app's repository reads it from. Spring
		// Session's default would also look in a Spring Security context kept in the
		// session; this app keeps none there.
		sessions.setIndexResolver((session) -> {
			String name = principalName.valueIn(session);
			return (name != null) ? Map.of(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, name) : Map.of();
		});
		// Spring Session's schema keeps ids in CHAR(36); this app's are 32 characters,
		// which the database hands back padded with blanks (and the padded id would then
		// go out in the cookie).
		sessions.setGetSessionQuery(SELECT_SESSION + "WHERE S.SESSION_ID = ?");
		sessions.setListSessionsByPrincipalNameQuery(SELECT_SESSION + "WHERE S.PRINCIPAL_NAME = ?");
		GenericConversionService conversions = new GenericConversionService();
		conversions.addConverter(Object.class, byte[].class, json::write);
		conversions.addConverter(byte[].class, Object.class, json::read);
		sessions.setConversionService(conversions);
		return sessions;
	}

	private static RedisSerializer<Object> serializer(SessionAttributeJson json) {
		return new RedisSerializer<>() {

			/**
			 * A removed attribute as Spring Session's own serializer writes it: an empty
			 * value ({@code RedisSessionRepository} cannot delete the field).
			 */
			@Override
			public byte[] serialize(@Nullable Object value) {
				return (value != null) ? json.write(value) : new byte[0];
			}

			@Override
			public @Nullable Object deserialize(byte @Nullable [] bytes) {
				return json.read(bytes);
			}

		};
	}

}
