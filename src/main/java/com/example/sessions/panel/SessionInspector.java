package com.example.sessions.panel;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.List;

import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Component;

import com.example.sessions.store.SessionStoreDescription;

/**
 * Describes a session the way its store sees it, for the session panel: which store, when
 * it ends, and what each attribute costs there.
 */
@Component
public class SessionInspector {

	private static final int SHOWN_ID_CHARACTERS = 6;

	private final SessionStoreDescription store;

	SessionInspector(SessionStoreDescription store) {
		this.store = store;
	}

	Details inspect(HttpSession session) {
		Instant created = Instant.ofEpochMilli(session.getCreationTime());
		Instant lastAccessed = Instant.ofEpochMilli(session.getLastAccessedTime());
		Duration idle = Duration.ofSeconds(session.getMaxInactiveInterval());
		List<Attribute> attributes = Collections.list(session.getAttributeNames())
			.stream()
			.sorted()
			.map((name) -> new Attribute(name, this.store.storedBytes(session.getAttribute(name))))
			.toList();
		return new Details(this.store.store(), this.store.repository(),
				session.getId().substring(0, SHOWN_ID_CHARACTERS), utc(created), utc(lastAccessed),
				utc(lastAccessed.plus(idle)), utc(created.plus(this.store.lifetime(idle))),
				idle.compareTo(this.store.defaultIdleTimeout()) > 0, attributes);
	}

	private static ZonedDateTime utc(Instant instant) {
		return instant.atZone(ZoneOffset.UTC);
	}

	/**
	 * @param store where the session lives
	 * @param repository what reads and writes it there
	 * @param idStart the first characters of the id: enough to tell sessions apart, too
	 * few to use
	 * @param idleExpiry when the session ends unless used again (up to the touch interval
	 * earlier)
	 * @param absoluteExpiry when it ends however it is used
	 * @param remembered whether it outlives the browser (remember me)
	 */
	public record Details(String store, String repository, String idStart, ZonedDateTime created,
			ZonedDateTime lastAccessed, ZonedDateTime idleExpiry, ZonedDateTime absoluteExpiry, boolean remembered,
			List<Attribute> attributes) {

		private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

		/**
		 * A time as the panel shows it (the times are in UTC).
		 */
		public static String time(ZonedDateTime time) {
			return TIME.format(time);
		}

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
