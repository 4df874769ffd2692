package com.example.sessions.store;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.MapSession;
import org.springframework.session.Session;
import org.springframework.session.SessionIdGenerator;

/**
 * A session as the repositories of this app hand it out: the values in memory plus a
 * record of what changed since it was loaded, so that saving writes only the difference
 * and a request that changed nothing writes nothing.
 * <p>
 * The last-access time is not part of that record: the store refreshes it while loading
 * the session (see the repositories), in the same round trip.
 */
final class StoredSession implements Session {

	private final MapSession values;

	private @Nullable String storedId;

	private final @Nullable String recordId;

	private final Set<String> changedAttributes = new LinkedHashSet<>();

	private boolean maxInactiveIntervalChanged;

	private StoredSession(MapSession values, @Nullable String storedId, @Nullable String recordId) {
		this.values = values;
		this.storedId = storedId;
		this.recordId = recordId;
	}

	/**
	 * A session that is not in the store yet.
	 */
	static StoredSession create(SessionIdGenerator ids, Duration maxInactiveInterval, Instant now,
			@Nullable String recordId) {
		MapSession values = new MapSession(ids);
		values.setMaxInactiveInterval(maxInactiveInterval);
		values.setCreationTime(now);
		values.setLastAccessedTime(now);
		return new StoredSession(values, null, recordId);
	}

	static StoredSession loaded(MapSession values, @Nullable String recordId) {
		return new StoredSession(values, values.getId(), recordId);
	}

	/**
	 * The store's own key for this session's record, which stays the same when the
	 * session id changes (the JDBC tables' {@code PRIMARY_ID}), or {@code null} where the
	 * store has none.
	 */
	@Nullable String recordId() {
		return this.recordId;
	}

	/**
	 * The name the session is indexed by (Spring Session's principal-name attribute).
	 */
	@Nullable String principalName() {
		Object name = getAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME);
		return (name instanceof String text) ? text : null;
	}

	boolean isNew() {
		return this.storedId == null;
	}

	/**
	 * The id this session has in the store; differs from {@link #getId()} after
	 * {@link #changeSessionId()} until the next save.
	 */
	@Nullable String storedId() {
		return this.storedId;
	}

	boolean hasChanges() {
		return isNew() || !getId().equals(this.storedId) || !this.changedAttributes.isEmpty()
				|| this.maxInactiveIntervalChanged;
	}

	Set<String> changedAttributes() {
		return this.changedAttributes;
	}

	boolean maxInactiveIntervalChanged() {
		return this.maxInactiveIntervalChanged;
	}

	/**
	 * Called by the repository once the store holds what this object holds.
	 */
	void markSaved() {
		this.storedId = getId();
		this.changedAttributes.clear();
		this.maxInactiveIntervalChanged = false;
	}

	@Override
	public String getId() {
		return this.values.getId();
	}

	@Override
	public String changeSessionId() {
		return this.values.changeSessionId();
	}

	@Override
	public <T> @Nullable T getAttribute(String attributeName) {
		return this.values.getAttribute(attributeName);
	}

	@Override
	public Set<String> getAttributeNames() {
		return this.values.getAttributeNames();
	}

	@Override
	public void setAttribute(String attributeName, @Nullable Object attributeValue) {
		this.values.setAttribute(attributeName, attributeValue);
		this.changedAttributes.add(attributeName);
	}

	@Override
	public void removeAttribute(String attributeName) {
		this.values.removeAttribute(attributeName);
		this.changedAttributes.add(attributeName);
	}

	@Override
	public Instant getCreationTime() {
		return this.values.getCreationTime();
	}

	@Override
	public void setLastAccessedTime(Instant lastAccessedTime) {
		this.values.setLastAccessedTime(lastAccessedTime);
	}

	@Override
	public Instant getLastAccessedTime() {
		return this.values.getLastAccessedTime();
	}

	@Override
	public void setMaxInactiveInterval(Duration interval) {
		this.values.setMaxInactiveInterval(interval);
		this.maxInactiveIntervalChanged = true;
	}

	@Override
	public Duration getMaxInactiveInterval() {
		return this.values.getMaxInactiveInterval();
	}

	@Override
	public boolean isExpired() {
		return this.values.isExpired();
	}

}
