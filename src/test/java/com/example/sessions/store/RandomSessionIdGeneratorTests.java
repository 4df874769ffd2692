package com.example.sessions.store;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RandomSessionIdGeneratorTests {

	private final RandomSessionIdGenerator generator = new RandomSessionIdGenerator();

	@Test
	void idsCarryAtLeast128RandomBitsAndFitTheJdbcSchema() {
		String id = this.generator.generate();

		assertThat(Base64.getUrlDecoder().decode(id)).hasSizeGreaterThanOrEqualTo(16);
		assertThat(id).hasSizeLessThanOrEqualTo(36).matches("[A-Za-z0-9_-]+");
	}

	@Test
	void tenThousandIdsAreAllDifferentAndMeanNothing() {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			ids.add(this.generator.generate());
		}

		assertThat(ids).hasSize(10_000);
		// No shared prefix or structure (a counter or a timestamp would show one).
		assertThat(ids.stream().map((id) -> id.substring(0, 2)).distinct().count()).isGreaterThan(1000);
	}

}
