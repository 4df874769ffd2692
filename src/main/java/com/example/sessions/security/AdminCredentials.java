package com.example.sessions.security;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The administrator who may find and end sessions on the management port (HTTP Basic).
 * Without a password, the endpoints that reveal or end sessions are off.
 *
 * @param username {@code APP_ADMIN_USERNAME}
 * @param password {@code APP_ADMIN_PASSWORD}, at least {@value #MIN_PASSWORD_LENGTH}
 * characters
 */
@ConfigurationProperties("app.admin")
record AdminCredentials(@DefaultValue("admin") String username, @Nullable String password) {

	static final String PASSWORD_PROPERTY = "app.admin.password";

	static final int MIN_PASSWORD_LENGTH = 16;

	AdminCredentials {
		if (password != null && !password.isEmpty() && password.length() < MIN_PASSWORD_LENGTH) {
			throw new IllegalArgumentException("APP_ADMIN_PASSWORD (app.admin.password) must have at least "
					+ MIN_PASSWORD_LENGTH + " characters: it guards every user's session");
		}
	}

	boolean configured() {
		return this.password != null && !this.password.isEmpty();
	}

}
