package com.example.sessions.store;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DefaultTyping;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import tools.jackson.databind.jsontype.PolymorphicTypeValidator;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Writes session values as JSON, so they can be read with {@code redis-cli} or SQL and
 * survive class changes that Java serialization would not.
 * <p>
 * Strings, numbers and booleans are stored as plain JSON; other values carry their type
 * name, which must belong to an allow-list (this app's own classes and a few
 * collections), so a forged value can never instantiate an arbitrary class. A value that
 * cannot be read (corrupt, or written by an older version) reads as {@code null}: the
 * visitor is simply no longer signed in, rather than getting an error page.
 */
final class SessionAttributeJson {

	private static final Log logger = LogFactory.getLog(SessionAttributeJson.class);

	private static final PolymorphicTypeValidator ALLOWED_TYPES = BasicPolymorphicTypeValidator.builder()
		.allowIfSubType("com.example.sessions.")
		.allowIfSubType(ArrayList.class)
		.allowIfSubType(LinkedHashSet.class)
		.allowIfSubType(LinkedHashMap.class)
		.allowIfSubType(HashMap.class)
		.allowIfSubType(BigDecimal.class)
		.build();

	private final JsonMapper mapper = JsonMapper.builder()
		.activateDefaultTyping(ALLOWED_TYPES, DefaultTyping.NON_FINAL_AND_RECORDS, JsonTypeInfo.As.PROPERTY)
		.build();

	byte[] write(@Nullable Object value) {
		return this.mapper.writeValueAsBytes(value);
	}

	@Nullable Object read(byte @Nullable [] json) {
		if (json == null || json.length == 0) {
			return null;
		}
		try {
			return this.mapper.readValue(json, Object.class);
		}
		catch (JacksonException ex) {
			// The value itself is not logged: it may be personal data.
			logger.warn("Ignoring an unreadable session value: " + ex.getOriginalMessage());
			return null;
		}
	}

}
