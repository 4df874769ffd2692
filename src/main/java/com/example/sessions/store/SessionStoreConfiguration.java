package com.example.sessions.store;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.session.MapSession;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.data.redis.RedisSessionMapper;
import org.springframework.session.data.redis.RedisSessionRepository;

/**
 * How both stores write session values: as JSON (see {@link SessionAttributeJson}). Which
 * store is active is decided by the profile, in {@code application*.properties}.
 */
@Configuration(proxyBeanMethods = false)
class SessionStoreConfiguration {

	private final SessionAttributeJson json = new SessionAttributeJson();

	/**
	 * Used by Spring Session JDBC for the {@code ATTRIBUTE_BYTES} column.
	 */
	@Bean
	ConversionService springSessionConversionService() {
		GenericConversionService conversions = new GenericConversionService();
		conversions.addConverter(Object.class, byte[].class, this.json::write);
		conversions.addConverter(byte[].class, Object.class, this.json::read);
		return conversions;
	}

	/**
	 * Used by Spring Session Data Redis for the hash values of a session.
	 */
	@Bean
	RedisSerializer<Object> springSessionDefaultRedisSerializer() {
		return new RedisSerializer<>() {

			@Override
			public byte[] serialize(@Nullable Object value) {
				return SessionStoreConfiguration.this.json.write(value);
			}

			@Override
			public @Nullable Object deserialize(byte @Nullable [] bytes) {
				return SessionStoreConfiguration.this.json.read(bytes);
			}

		};
	}

	/**
	 * A Redis session whose bookkeeping fields cannot be read is dropped (the visitor
	 * signs in again) instead of failing the request.
	 */
	@Bean
	SessionRepositoryCustomizer<RedisSessionRepository> unreadableRedisSessionsAreDropped() {
		RedisSessionMapper mapper = new RedisSessionMapper();
		return (repository) -> repository.setRedisSessionMapper((id, entries) -> readOrNull(mapper, id, entries));
	}

	private static @Nullable MapSession readOrNull(RedisSessionMapper mapper, String id, Map<String, Object> entries) {
		try {
			return mapper.apply(id, entries);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
