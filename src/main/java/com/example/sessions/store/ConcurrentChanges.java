package com.example.sessions.store;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * What a store does when saving finds that another request of the same session changed
 * some of the attributes this request changed, after this one loaded them: merge where a
 * {@link SessionAttributeMerger} can, refuse ({@link SessionConflictException}) where
 * none can. The stores check and write in one step (a Redis script, a transaction holding
 * the session row), so a change is never written over another one unseen.
 */
final class ConcurrentChanges {

	/**
	 * How often a save is tried at most. Every failed try means that another request of
	 * the session saved in between, so together they always make progress; with n
	 * requests saving at once the unluckiest tries n times. The bound only keeps a
	 * session that is being hammered from holding a server thread for long.
	 */
	static final int ATTEMPTS = 64;

	private final Map<String, SessionAttributeMerger> mergers;

	private final SessionAttributeJson json;

	ConcurrentChanges(Iterable<SessionAttributeMerger> mergers, SessionAttributeJson json) {
		this.mergers = java.util.stream.StreamSupport.stream(mergers.spliterator(), false)
			.collect(Collectors.toUnmodifiableMap(SessionAttributeMerger::attribute, Function.identity()));
		this.json = json;
	}

	static ConcurrentChanges refusingAll(SessionAttributeJson json) {
		return new ConcurrentChanges(java.util.List.of(), json);
	}

	/**
	 * Merges what the store holds now into the session, for each attribute another
	 * request changed, so that the save can be tried again.
	 * @param nowStored attribute name to its bytes in the store now ({@code null}:
	 * removed)
	 * @throws SessionConflictException if one of them cannot be merged
	 */
	void merge(StoredSession session, Map<String, byte @Nullable []> nowStored) {
		for (String name : nowStored.keySet()) {
			if (!this.mergers.containsKey(name)) {
				throw new SessionConflictException(name);
			}
		}
		nowStored.forEach((name, bytes) -> {
			Object base = this.json.read(session.storedBytes(name));
			Object theirs = this.json.read(bytes);
			Object merged = this.mergers.get(name).merge(base, session.getAttribute(name), theirs);
			session.rebase(name, bytes, merged);
		});
	}

	static SessionConflictException gaveUp(Map<String, byte @Nullable []> nowStored) {
		return new SessionConflictException(nowStored.keySet().iterator().next());
	}

}
