package com.example.sessions.store;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.dao.QueryTimeoutException;

import com.example.sessions.store.StoreOutage.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * When the store gets a new connection: only on the evidence of a probe that timed out
 * after an earlier failure, and not again and again. What ends an outage of writes where
 * page views do not wait for what writes wait for: a write answered, not a page view.
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

		assertThat(this.outage.call(Kind.LOAD, () -> "answered")).isEqualTo("answered");
		assertThat(this.outage.suspected()).isFalse();
	}

	@Test
	void whereAPageViewSaysNothingOfWritesItDoesNotEndAnOutageOfWrites() {
		StoreOutage outage = new StoreOutage(() -> {
		}, false);
		timesOut(outage, Kind.WRITE);

		assertThat(outage.call(Kind.LOAD, () -> "page")).as("page views go on").isEqualTo("page");
		assertThat(outage.suspected()).isTrue();
		assertThat(outage.call(Kind.WRITE, () -> {
			assertThatExceptionOfType(StoreOutage.StillDown.class).as("turned away while one write tries the store")
				.isThrownBy(() -> outage.call(Kind.WRITE, () -> "another write"));
			return "written";
		})).isEqualTo("written");
		assertThat(outage.suspected()).as("a write answered ends it").isFalse();
	}

	@Test
	void whereAPageViewSaysNothingOfWritesAFailedOneTurnsWritesAwayToo() {
		StoreOutage outage = new StoreOutage(() -> {
		}, false);
		timesOut(outage, Kind.LOAD);
		assertThat(outage.call(Kind.LOAD, () -> "page")).as("a page view tries the store, and is answered")
			.isEqualTo("page");
		assertThat(outage.suspected()).as("writes not yet").isTrue();

		assertThat(outage.call(Kind.WRITE, () -> {
			assertThatExceptionOfType(StoreOutage.StillDown.class).as("a second write while the first tries the store")
				.isThrownBy(() -> outage.call(Kind.WRITE, () -> "second write"));
			return "first write";
		})).isEqualTo("first write");
		assertThat(outage.suspected()).as("a write answered").isFalse();
	}

	private void timesOut() {
		timesOut(this.outage, Kind.LOAD);
	}

	private static void timesOut(StoreOutage outage, Kind kind) {
		assertThatExceptionOfType(QueryTimeoutException.class).isThrownBy(() -> outage.call(kind, () -> {
			throw new QueryTimeoutException("Redis command timed out");
		}));
	}

}
