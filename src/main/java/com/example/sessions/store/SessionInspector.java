package com.example.sessions.store;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.List;

import jakarta.servlet.http.HttpSession;

/**
 * Describes a session the way its store sees it, for the session panel: which store, when
 * it ends, and what each attribute costs there.
 */
public final class SessionInspector {

	private static final int SHOWN_ID_CHARACTERS = 6;

	private final String store;

	private final SessionAttributeJson json;

	private final SessionStoreProperties properties;

	private final Duration idleTimeout;

	SessionInspector(String store, SessionAttributeJson json, SessionStoreProperties properties, Duration idleTimeout) {
		this.store = store;
		this.json = json;
		this.properties = properties;
		this.idleTimeout = idleTimeout;
	}

	public Details inspect(HttpSession session) {
		Instant created = Instant.ofEpochMilli(session.getCreationTime());
		Instant lastAccessed = Instant.ofEpochMilli(session.getLastAccessedTime());
		Duration idle = Duration.ofSeconds(session.getMaxInactiveInterval());
		List<Attribute> attributes = Collections.list(session.getAttributeNames())
			.stream()
			.sorted()
			.map((name) -> new Attribute(name, this.json.write(session.getAttribute(name)).length))
			.toList();
		return new Details(this.store, session.getId().substring(0, SHOWN_ID_CHARACTERS), utc(created),
				utc(lastAccessed), utc(lastAccessed.plus(idle)), utc(created.plus(this.properties.lifetime(idle))),
				idle.compareTo(this.idleTimeout) > 0, attributes);
	}

	private static ZonedDateTime utc(Instant instant) {
		return instant.atZone(ZoneOffset.UTC);
	}

	/**
	 * @param store where the session lives
	 * @param idStart the first characters of the id: enough to tell sessions apart, too
	 * few to use
	 * @param idleExpiry when the session ends unless used again (up to the touch interval
	 * earlier)
	 * @param absoluteExpiry when it ends however it is used
	 * @param remembered whether it outlives the browser (remember me)
	 */
	public record Details(String store, String idStart, ZonedDateTime created, ZonedDateTime lastAccessed,
			ZonedDateTime idleExpiry, ZonedDateTime absoluteExpiry, boolean remembered, List<Attribute> attributes) {

		public int totalBytes() {
			return this.attributes.stream().mapToInt(Attribute::bytes).sum();
		}

	}

	/**
	 * @param bytes the size of its JSON in the store
	 */
	public record Attribute(String name, int bytes) {

	}

}
