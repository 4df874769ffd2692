package com.example.sessions.preferences;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * The language of every page: the one chosen in the preferences, kept in the session; for
 * visitors who chose none (or have no session), the best match of the browser's
 * {@code Accept-Language}. Reading the preferences costs no extra store round trip: a
 * visitor with a session cookie has the session loaded for the page anyway, one without
 * has none to load.
 */
class PreferencesLocaleResolver extends AcceptHeaderLocaleResolver {

	PreferencesLocaleResolver() {
		setSupportedLocales(Preferences.LANGUAGES);
		setDefaultLocale(Locale.ENGLISH);
	}

	@Override
	public Locale resolveLocale(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null && session.getAttribute(Preferences.ATTRIBUTE) instanceof Preferences preferences
				&& preferences.language() != null) {
			return Locale.forLanguageTag(preferences.language());
		}
		return super.resolveLocale(request);
	}

	@Override
	public void setLocale(HttpServletRequest request, @Nullable HttpServletResponse response, @Nullable Locale locale) {
		throw new UnsupportedOperationException("The language is chosen on the preferences page");
	}

}
