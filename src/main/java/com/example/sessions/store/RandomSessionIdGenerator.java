package com.example.sessions.store;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

import org.springframework.session.SessionIdGenerator;

/**
 * Session ids of 192 random bits from the platform's CSPRNG, URL-safe base64 (32
 * characters, within the 36 that Spring Session's JDBC schema allows). Spring Session's
 * default, a random UUID, carries only 122 bits; OWASP's ASVS (5.0, 7.2.3) asks for at
 * least 128 bits of entropy.
 */
final class RandomSessionIdGenerator implements SessionIdGenerator {

	static final int BYTES = 24;

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	// Ours (32 characters) and Spring Session's UUIDs (36), nothing else.
	private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{32,36}");

	private final SecureRandom random = new SecureRandom();

	/**
	 * Whether the id could have been issued here. Anything else (garbage, a forged value
	 * with control characters) is not worth a round trip to the store, and some would
	 * make a database refuse the query.
	 */
	static boolean isWellFormed(String id) {
		return WELL_FORMED.matcher(id).matches();
	}

	@Override
	public String generate() {
		byte[] bytes = new byte[BYTES];
		this.random.nextBytes(bytes);
		return ENCODER.encodeToString(bytes);
	}

}
