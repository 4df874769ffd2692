package com.example.sessions.preferences;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * How a visitor wants the pages shown, kept in the session (attribute
 * {@value #ATTRIBUTE}).
 *
 * @param theme light or dark; {@code null} follows the device's setting
 * @param language one of {@link #LANGUAGES}; {@code null} follows the browser's
 * {@code Accept-Language}
 */
public record Preferences(@Nullable Theme theme, @Nullable String language) {

	public static final String ATTRIBUTE = "preferences";

	/**
	 * The languages every text of the app is written in (message bundles).
	 */
	static final java.util.List<Locale> LANGUAGES = java.util.List.of(Locale.ENGLISH, Locale.GERMAN);

	static final Preferences NONE = new Preferences(null, null);

	public enum Theme {

		LIGHT, DARK;

		/**
		 * The value of the page's {@code data-theme} attribute.
		 */
		public String cssName() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
