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

	/**
	 * As on a JDBC store, where a load answered says nothing of writes.
	 */
	private final StoreOutage loadsApart = new StoreOutage(this.reconnects::incrementAndGet, false);

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
		timesOut(this.loadsApart, Kind.WRITE);

		assertThat(this.loadsApart.call(Kind.LOAD, () -> "page")).as("page views go on").isEqualTo("page");
		assertThat(this.loadsApart.suspected()).isTrue();
		assertWriteTriesTheStoreAlone();
		assertThat(this.loadsApart.suspected()).as("a write answered ends it").isFalse();
	}

	@Test
	void whereAPageViewSaysNothingOfWritesAFailedOneTurnsWritesAwayToo() {
		timesOut(this.loadsApart, Kind.LOAD);
		assertThat(this.loadsApart.call(Kind.LOAD, () -> "page")).as("a page view tries the store, and is answered")
			.isEqualTo("page");
		assertThat(this.loadsApart.suspected()).as("writes not yet").isTrue();

		assertWriteTriesTheStoreAlone();
		assertThat(this.loadsApart.suspected()).as("a write answered").isFalse();
	}

	/**
	 * A write tries the store, and another one at the same time is turned away at once.
	 */
	private void assertWriteTriesTheStoreAlone() {
		assertThat(this.loadsApart.call(Kind.WRITE, () -> {
			assertThatExceptionOfType(StoreOutage.StillDown.class).as("a second write while the first tries the store")
				.isThrownBy(() -> this.loadsApart.call(Kind.WRITE, () -> "second write"));
			return "first write";
		})).isEqualTo("first write");
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
