package com.example.sessions.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Compares a password by its SHA-256 digest, in constant time. Fit only for a long random
 * secret (the administrator's password must have 16 characters or more): nothing to
 * guess, so nothing for a slow hash to slow down.
 */
final class Sha256PasswordEncoder implements PasswordEncoder {

	@Override
	public String encode(CharSequence rawPassword) {
		return HexFormat.of().formatHex(digest(rawPassword));
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		return MessageDigest.isEqual(digest(rawPassword), HexFormat.of().parseHex(encodedPassword));
	}

	private static byte[] digest(CharSequence password) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(password.toString().getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
