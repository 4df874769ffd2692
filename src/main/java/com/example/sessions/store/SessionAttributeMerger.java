package com.example.sessions.store;

import org.jspecify.annotations.Nullable;

/**
 * Merges two requests' changes to one session attribute, where they can be merged (two
 * tabs adding to a cart). A request changed the attribute from {@code base}, the value it
 * loaded, to {@code mine}, while another request, saved first, changed it to
 * {@code theirs}; the merger says what to store instead of losing either change.
 * Attributes without a merger are not merged: the later request is refused (answered
 * {@code 409 Conflict}) and writes nothing.
 */
public interface SessionAttributeMerger {

	/**
	 * The attribute this merger merges.
	 */
	String attribute();

	/**
	 * @param base the value this request loaded, or {@code null} if it had none
	 * @param mine the value this request wants to store, or {@code null} to remove it
	 * @param theirs the value another request stored meanwhile, or {@code null} if it
	 * removed it
	 * @return the value to store, or {@code null} to remove the attribute
	 */
	@Nullable Object merge(@Nullable Object base, @Nullable Object mine, @Nullable Object theirs);

	/**
	 * Thrown by {@link #merge} where the two changes cannot both be kept: the request is
	 * then refused ({@code 409 Conflict}) and writes nothing, as for an attribute without
	 * a merger.
	 */
	final class CannotMerge extends RuntimeException {

		public CannotMerge(String reason) {
			super(reason, null, false, false);
		}

	}

}
