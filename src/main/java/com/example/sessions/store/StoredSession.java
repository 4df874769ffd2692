package com.example.sessions.store;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

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
 * <p>
 * It also keeps each attribute as it was stored when loaded, so that saving can check
 * that no other request changed it meanwhile (a read-modify-write that would otherwise
 * lose that request's update): see {@link ConcurrentChanges}.
 */
final class StoredSession implements Session {

	private final MapSession values;

	private @Nullable String storedId;

	private final @Nullable String recordId;

	private final Set<String> changedAttributes = new LinkedHashSet<>();

	/**
	 * Attribute name to its bytes in the store as this request found them.
	 */
	private final Map<String, byte[]> storedBytes;

	private boolean maxInactiveIntervalChanged;

	private @Nullable RuntimeException saveFailure;

	private StoredSession(MapSession values, @Nullable String storedId, @Nullable String recordId,
			Map<String, byte[]> storedBytes) {
		this.values = values;
		this.storedId = storedId;
		this.recordId = recordId;
		this.storedBytes = storedBytes;
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
		return new StoredSession(values, null, recordId, new HashMap<>());
	}

	/**
	 * A session read from the store.
	 * @param storedBytes each attribute's bytes as read, by name
	 */
	static StoredSession loaded(MapSession values, Map<String, byte[]> storedBytes, @Nullable String recordId) {
		return new StoredSession(values, values.getId(), recordId, new HashMap<>(storedBytes));
	}

	/**
	 * The store's own key for this session's record, which stays the same when the
	 * session id changes (the JDBC tables' {@code PRIMARY_ID}), or {@code null} where the
	 * store has none.
	 */
	@Nullable String recordId() {
		return this.recordId;
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

	/**
	 * Saves this session with the store's {@code write}, unless it has nothing to write.
	 * Once a save has failed, every later one fails the same way and writes nothing
	 * ({@link #recordSaveFailure}).
	 */
	void save(Runnable write) {
		if (!writesOnSave()) {
			if (this.saveFailure != null) {
				throw this.saveFailure;
			}
			return;
		}
		try {
			write.run();
		}
		catch (RuntimeException ex) {
			recordSaveFailure(ex);
			throw ex;
		}
	}

	/**
	 * Called when a save failed: every later save of this object fails the same way, and
	 * writes nothing. A save that timed out may still be written once the store catches
	 * up, and Spring Session commits a second time when the request ends: a second try
	 * would find this request's own write, take it for another request's and merge the
	 * change over itself (one product added to one in the cart: three). Nor may that
	 * commit succeed without writing: Spring Session would then send the cookie of a new
	 * session that the store may not hold.
	 */
	void recordSaveFailure(RuntimeException failure) {
		this.saveFailure = failure;
	}

	/**
	 * Whether saving this object reaches the store: it has changes, and no save of it has
	 * failed.
	 */
	boolean writesOnSave() {
		return this.saveFailure == null && hasChanges();
	}

	Set<String> changedAttributes() {
		return this.changedAttributes;
	}

	boolean maxInactiveIntervalChanged() {
		return this.maxInactiveIntervalChanged;
	}

	/**
	 * The attribute's bytes in the store when this request read it, or {@code null} if it
	 * had none.
	 */
	byte @Nullable [] storedBytes(String attributeName) {
		return this.storedBytes.get(attributeName);
	}

	/**
	 * After another request changed the attribute: what the store holds now becomes the
	 * state this request's change applies to, and {@code merged} its new value.
	 */
	void rebase(String attributeName, byte @Nullable [] nowStored, @Nullable Object merged) {
		if (nowStored != null) {
			this.storedBytes.put(attributeName, nowStored);
		}
		else {
			this.storedBytes.remove(attributeName);
		}
		setAttribute(attributeName, merged);
	}

	/**
	 * Called by the repository once the store holds what this object holds, or once it
	 * found the session ended meanwhile and wrote nothing (nothing is left to write).
	 * @param written the bytes written for each changed attribute ({@code null}: deleted)
	 */
	void markSaved(Map<String, byte @Nullable []> written) {
		written.forEach((name, bytes) -> {
			if (bytes != null) {
				this.storedBytes.put(name, bytes);
			}
			else {
				this.storedBytes.remove(name);
			}
		});
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
