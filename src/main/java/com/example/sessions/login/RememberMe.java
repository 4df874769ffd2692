package com.example.sessions.login;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * "Remember me": a permanent session instead of a browser session. A browser session's
 * cookie lasts until the browser closes (no {@code Max-Age}) and the stored session ends
 * after the idle timeout. A remembered one gets a cookie with {@code Max-Age} = the
 * lifetime, and the same idle timeout on the server, for this session only; it still ends
 * at sign-out like any other.
 *
 * @param lifetime how long a remembered session lasts ({@code APP_REMEMBER_ME_LIFETIME})
 */
@ConfigurationProperties("app.remember-me")
record RememberMe(@DefaultValue("14d") Duration lifetime) {

	/**
	 * Request attribute, set on the sign-in request of a remembered session: the lifetime
	 * its cookie is given.
	 */
	static final String COOKIE_LIFETIME = RememberMe.class.getName() + ".cookieLifetime";

	long days() {
		return this.lifetime.toDays();
	}

}
