package com.example.sessions.store;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

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
		this.mergers = StreamSupport.stream(mergers.spliterator(), false)
			.collect(Collectors.toUnmodifiableMap(SessionAttributeMerger::attribute, Function.identity()));
		this.json = json;
	}

	/**
	 * Saves the session: tries, and after each try that found attributes changed by
	 * another request, merges those in and tries again.
	 * @return what the successful try wrote: each attribute's bytes ({@code null}:
	 * deleted)
	 * @throws SessionConflictException if a change cannot be merged, or after
	 * {@value #ATTEMPTS} tries
	 */
	Map<String, byte @Nullable []> save(StoredSession session, Attempt attempt) {
		for (int tries = 1;; tries++) {
			Map<String, byte @Nullable []> written = new LinkedHashMap<>();
			Map<String, byte @Nullable []> changed = attempt.save(written);
			if (changed.isEmpty()) {
				return written;
			}
			if (tries == ATTEMPTS) {
				throw new SessionConflictException(changed.keySet().iterator().next());
			}
			merge(session, changed);
		}
	}

	/**
	 * Merges what the store holds now into the session, for each attribute another
	 * request changed, so that the save can be tried again.
	 * @param nowStored attribute name to its bytes in the store now ({@code null}:
	 * removed)
	 * @throws SessionConflictException if one of them cannot be merged
	 */
	private void merge(StoredSession session, Map<String, byte @Nullable []> nowStored) {
		for (String name : nowStored.keySet()) {
			if (!this.mergers.containsKey(name) && !sameChange(session, name, nowStored.get(name))) {
				throw new SessionConflictException(name);
			}
		}
		nowStored.forEach((name, bytes) -> {
			if (!this.mergers.containsKey(name)) {
				// The same change (checked above): nothing to merge.
				session.rebase(name, bytes, session.getAttribute(name));
				return;
			}
			Object base = this.json.read(session.storedBytes(name));
			Object theirs = this.json.read(bytes);
			Object merged;
			try {
				merged = this.mergers.get(name).merge(base, session.getAttribute(name), theirs);
			}
			catch (SessionAttributeMerger.CannotMerge ex) {
				throw new SessionConflictException(name, ex.getMessage());
			}
			session.rebase(name, bytes, merged);
		});
	}

	/**
	 * Whether the other request made this request's change: both removed the attribute,
	 * or both stored the same value. For a value that is replaced as a whole (one without
	 * a merger) nothing is lost either way; a merged value (two tabs each adding the same
	 * product) is merged even then.
	 */
	private boolean sameChange(StoredSession session, String name, byte @Nullable [] nowStored) {
		Object mine = session.getAttribute(name);
		return (mine == null) ? nowStored == null
				: nowStored != null && Arrays.equals(this.json.write(mine), nowStored);
	}

	/**
	 * One try of a store at saving a session, checking and writing in one step.
	 */
	@FunctionalInterface
	interface Attempt {

		/**
		 * Writes the session's changes, unless another request changed some of the same
		 * attributes since this one loaded them.
		 * @param written receives each attribute's bytes as written ({@code null}:
		 * deleted)
		 * @return the attributes that another request changed, with what the store holds
		 * now ({@code null}: none); empty if this try wrote
		 */
		Map<String, byte @Nullable []> save(Map<String, byte @Nullable []> written);

	}

}
