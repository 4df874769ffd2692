package com.example.sessions.panel;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A session as its store sees it, for the session panel ({@code session.jte}, hence
 * public).
 *
 * @param store where the session lives
 * @param repository what reads and writes it there
 * @param idStart the first characters of the id: enough to tell sessions apart, too few
 * to use
 * @param idleExpiry when the session ends unless used again (up to the touch interval
 * earlier)
 * @param absoluteExpiry when it ends however it is used
 * @param remembered whether it outlives the browser (remember me)
 */
public record SessionDetails(String store, String repository, String idStart, ZonedDateTime created,
		ZonedDateTime lastAccessed, ZonedDateTime idleExpiry, ZonedDateTime absoluteExpiry, boolean remembered,
		List<Attribute> attributes) {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

	/**
	 * A time as the panel shows it (the times are in UTC).
	 */
	public static String time(ZonedDateTime time) {
		return TIME.format(time);
	}

	public int totalBytes() {
		return this.attributes.stream().mapToInt(Attribute::bytes).sum();
	}

	/**
	 * @param bytes the size of its JSON in the store
	 */
	public record Attribute(String name, int bytes) {

	}

}
