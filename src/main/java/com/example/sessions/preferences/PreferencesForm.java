package com.example.sessions.preferences;

import jakarta.validation.constraints.Pattern;

import org.jspecify.annotations.Nullable;

import com.example.sessions.preferences.Preferences.Theme;

/**
 * The preferences form: an empty value means "as the device / browser says". Plain
 * strings, so that no input, however odd, fails before validation can answer it. Public:
 * the template ({@code preferences.jte}) reads it.
 */
public record PreferencesForm(@Nullable @Pattern(regexp = "|LIGHT|DARK", message = "{typeMismatch}") String theme,
		@Nullable @Pattern(regexp = "|en|de", message = "{preferences.language.invalid}") String language) {

	static PreferencesForm of(Preferences preferences) {
		return new PreferencesForm((preferences.theme() != null) ? preferences.theme().name() : "",
				(preferences.language() != null) ? preferences.language() : "");
	}

	Preferences toPreferences() {
		return new Preferences(isEmpty(this.theme) ? null : Theme.valueOf(this.theme),
				isEmpty(this.language) ? null : this.language);
	}

	private static boolean isEmpty(@Nullable String value) {
		return value == null || value.isEmpty();
	}

}
