// Not part of the application: what bench/ceiling/jte/home.jte reads (see HomePageView.java
// beside this file).
package com.example.sessions.login;

import java.util.Locale;

import org.springframework.context.MessageSource;

/** What the jte home page reads (prototype). */
public record HomePage(MessageSource messages, Locale locale, String language, String theme, String stylesheet,
		String path, int items, String csrfName, String csrfToken, Object name, Object visits) {

	public String msg(String code, Object... args) {
		return this.messages.getMessage(code, args, this.locale);
	}

	public String current(String target) {
		boolean current = "/checkout".equals(target) ? this.path != null && this.path.startsWith(target)
				: target.equals(this.path);
		return current ? "page" : null;
	}

}
