package com.example.sessions.store;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads Spring Session's JDBC tables: {@code SPRING_SESSION} and
 * {@code SPRING_SESSION_ATTRIBUTES}.
 */
class JdbcStoreProbe implements StoreProbe {

	private final JdbcTemplate jdbc;

	JdbcStoreProbe(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Set<String> sessionIds() {
		return new HashSet<>(this.jdbc.queryForList("SELECT SESSION_ID FROM SPRING_SESSION", String.class)).stream()
			.map(String::trim)
			.collect(java.util.stream.Collectors.toSet());
	}

	@Override
	public void backdateCreation(String sessionId, Duration by) {
		this.jdbc.update("UPDATE SPRING_SESSION SET CREATION_TIME = CREATION_TIME - ? WHERE SESSION_ID = ?",
				by.toMillis(), sessionId);
	}

	@Override
	public long size() {
		return this.jdbc.queryForObject(
				"SELECT (SELECT COUNT(*) FROM SPRING_SESSION) " + "+ (SELECT COUNT(*) FROM SPRING_SESSION_ATTRIBUTES)",
				Long.class);
	}

	@Override
	public Map<String, String> attributes(String sessionId) {
		Map<String, String> attributes = new TreeMap<>();
		this.jdbc.query(
				"SELECT a.ATTRIBUTE_NAME, a.ATTRIBUTE_BYTES FROM SPRING_SESSION_ATTRIBUTES a "
						+ "JOIN SPRING_SESSION s ON s.PRIMARY_ID = a.SESSION_PRIMARY_ID WHERE s.SESSION_ID = ?",
				(row) -> {
					attributes.put(row.getString(1), new String(row.getBytes(2), StandardCharsets.UTF_8));
				}, sessionId);
		return attributes;
	}

	@Override
	public String principalName(String sessionId) {
		return this.jdbc.queryForObject("SELECT PRINCIPAL_NAME FROM SPRING_SESSION WHERE SESSION_ID = ?", String.class,
				sessionId);
	}

	@Override
	public Duration maxInactiveInterval(String sessionId) {
		return Duration.ofSeconds(this.jdbc.queryForObject(
				"SELECT MAX_INACTIVE_INTERVAL FROM SPRING_SESSION WHERE SESSION_ID = ?", Long.class, sessionId));
	}

	@Override
	public void overwriteAttribute(String sessionId, String attribute, byte[] raw) {
		int updated = this.jdbc.update(
				"UPDATE SPRING_SESSION_ATTRIBUTES SET ATTRIBUTE_BYTES = ? WHERE ATTRIBUTE_NAME = ? AND "
						+ "SESSION_PRIMARY_ID = (SELECT PRIMARY_ID FROM SPRING_SESSION WHERE SESSION_ID = ?)",
				raw, attribute, sessionId);
		if (updated == 0) {
			this.jdbc.update(
					"INSERT INTO SPRING_SESSION_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES) "
							+ "SELECT PRIMARY_ID, ?, ? FROM SPRING_SESSION WHERE SESSION_ID = ?",
					attribute, raw, sessionId);
		}
	}

	@Override
	public Instant lastAccessedTime(String sessionId) {
		return Instant.ofEpochMilli(this.jdbc
			.queryForObject("SELECT LAST_ACCESS_TIME FROM SPRING_SESSION WHERE SESSION_ID = ?", Long.class, sessionId));
	}

	@Override
	public void age(String sessionId, Duration by) {
		this.jdbc.update(
				"UPDATE SPRING_SESSION SET LAST_ACCESS_TIME = LAST_ACCESS_TIME - ?, "
						+ "EXPIRY_TIME = EXPIRY_TIME - ? WHERE SESSION_ID = ?",
				by.toMillis(), by.toMillis(), sessionId);
	}

	@Override
	public void clear() {
		this.jdbc.update("DELETE FROM SPRING_SESSION");
	}

}
