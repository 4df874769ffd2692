package com.example.sessions.login;

import java.time.Duration;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.session.web.http.CookieSerializer;

/**
 * Gives the session cookie of a remembered sign-in a {@code Max-Age} of the remember-me
 * lifetime. Spring Session's own remember-me support would make it last 68 years and
 * leave the end to the server; here browser and server agree.
 */
final class RememberMeCookieSerializer implements CookieSerializer {

	private final CookieSerializer cookies;

	RememberMeCookieSerializer(CookieSerializer cookies) {
		this.cookies = cookies;
	}

	@Override
	public void writeCookieValue(CookieValue cookie) {
		if (!cookie.getCookieValue().isEmpty()
				&& cookie.getRequest().getAttribute(RememberMe.COOKIE_LIFETIME) instanceof Duration lifetime) {
			cookie.setCookieMaxAge((int) lifetime.toSeconds());
		}
		this.cookies.writeCookieValue(cookie);
	}

	@Override
	public List<String> readCookieValues(HttpServletRequest request) {
		return this.cookies.readCookieValues(request);
	}

}
