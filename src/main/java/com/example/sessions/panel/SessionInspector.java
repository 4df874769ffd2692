package com.example.sessions.panel;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
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
class SessionInspector {

	private static final int SHOWN_ID_CHARACTERS = 6;

	private final SessionStoreDescription store;

	SessionInspector(SessionStoreDescription store) {
		this.store = store;
	}

	SessionDetails inspect(HttpSession session) {
		Instant created = Instant.ofEpochMilli(session.getCreationTime());
		Instant lastAccessed = Instant.ofEpochMilli(session.getLastAccessedTime());
		Duration idle = Duration.ofSeconds(session.getMaxInactiveInterval());
		List<SessionDetails.Attribute> attributes = Collections.list(session.getAttributeNames())
			.stream()
			.sorted()
			.map((name) -> new SessionDetails.Attribute(name, this.store.storedBytes(session.getAttribute(name))))
			.toList();
		return new SessionDetails(this.store.store(), this.store.repository(),
				session.getId().substring(0, SHOWN_ID_CHARACTERS), utc(created), utc(lastAccessed),
				utc(lastAccessed.plus(idle)), utc(created.plus(this.store.lifetime(idle))),
				idle.compareTo(this.store.defaultIdleTimeout()) > 0, attributes);
	}

	private static ZonedDateTime utc(Instant instant) {
		return instant.atZone(ZoneOffset.UTC);
	}

}
