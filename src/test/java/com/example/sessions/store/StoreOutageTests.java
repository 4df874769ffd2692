package com.example.sessions.store;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.dao.QueryTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * When the store gets a new connection: only on the evidence of a probe that timed out
 * after an earlier failure, and not again and again.
 */
class StoreOutageTests {

	private final AtomicInteger reconnects = new AtomicInteger();

	private final StoreOutage outage = new StoreOutage(this.reconnects::incrementAndGet);

	@Test
	void aFirstTimeoutIsNoReasonForANewConnection() {
		timesOut();

		assertThat(this.reconnects).hasValue(0);
		assertThat(this.outage.suspected()).isTrue();
	}

	@Test
	void aProbeThatTimesOutGetsANewConnectionOnceWithinThirtySeconds() {
		timesOut();
		timesOut();
		timesOut();

		assertThat(this.reconnects).hasValue(1);
	}

	@Test
	void anAnswerEndsTheOutage() {
		timesOut();
		timesOut();

		assertThat(this.outage.call(() -> "answered")).isEqualTo("answered");
		assertThat(this.outage.suspected()).isFalse();
	}

	private void timesOut() {
		assertThatExceptionOfType(QueryTimeoutException.class).isThrownBy(() -> this.outage.call(() -> {
			throw new QueryTimeoutException("Redis command timed out");
		}));
	}

}
