package com.example.sessions.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Session values across versions of the application: what an older or newer version wrote
 * either reads, or reads as nothing (the visitor signs in again); never an error.
 */
class SessionAttributeJsonTests {

	private final SessionAttributeJson json = new SessionAttributeJson();

	record Preference(String theme, String language) {
	}

	@Test
	void plainValuesAreStoredAsPlainJson() {
		assertThat(text(this.json.write("Zoë"))).isEqualTo("\"Zoë\"");
		assertThat(text(this.json.write(42))).isEqualTo("42");
		assertThat(this.json.read(this.json.write("Zoë"))).isEqualTo("Zoë");
	}

	@Test
	void valuesOfTheApplicationsOwnTypesRoundTrip() {
		Preference preference = new Preference("dark", "de");

		assertThat(this.json.read(this.json.write(preference))).isEqualTo(preference);
		assertThat(this.json.read(this.json.write(new ArrayList<>(List.of("a", "b"))))).isEqualTo(List.of("a", "b"));
	}

	@Test
	void aValueWrittenByAnOlderShapeOfTheClassStillReads() {
		String older = "{\"@class\":\"" + Preference.class.getName() + "\",\"theme\":\"dark\",\"fontSize\":12}";

		assertThat(this.json.read(bytes(older))).isEqualTo(new Preference("dark", null));
	}

	@Test
	void aValueOfAClassThatNoLongerExistsReadsAsNothing() {
		assertThat(this.json.read(bytes("{\"@class\":\"com.example.sessions.Removed\",\"x\":1}"))).isNull();
	}

	@Test
	void aValueNamingAForeignClassIsNeverInstantiated() {
		String gadget = "{\"@class\":\"java.net.URL\",\"protocol\":\"http\",\"host\":\"example.org\"}";

		assertThat(this.json.read(bytes(gadget))).isNull();
	}

	@Test
	void javaSerializationAndGarbageReadAsNothing() {
		assertThat(this.json.read(new byte[] { (byte) 0xAC, (byte) 0xED, 0, 5, 't', 0, 1, 'A' })).isNull();
		assertThat(this.json.read(bytes("{not json"))).isNull();
		assertThat(this.json.read(new byte[0])).isNull();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
