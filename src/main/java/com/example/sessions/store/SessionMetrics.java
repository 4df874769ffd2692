package com.example.sessions.store;

import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DataAccessException;

/**
 * Session metrics, exported like every other (Prometheus: {@code sessions_started_total},
 * {@code sessions_ended_total{reason="logout"|"replaced"|"expired"|"administrator"}},
 * {@code sessions_active}). Counters count what this instance did, so a sum over the
 * instances is the total; the gauge asks the shared store, so every instance reports the
 * same value (take the max).
 */
public final class SessionMetrics {

	private static final Log logger = LogFactory.getLog(SessionMetrics.class);

	private final MeterRegistry registry;

	private final Counter created;

	private final Counter signedOut;

	private final Counter expired;

	private final Counter replaced;

	private final Counter administrator;

	SessionMetrics(MeterRegistry registry) {
		this.registry = registry;
		// Not "sessions.created": Prometheus reserves the _created suffix.
		this.created = Counter.builder("sessions.started")
			.description("Sessions created: stored for the first time, at a sign-in")
			.register(registry);
		this.signedOut = ended("logout", "Sessions ended by signing out");
		this.expired = ended("expired", "Sessions ended by their idle timeout or absolute lifetime");
		this.replaced = ended("replaced", "Sessions ended because someone signed in over them");
		this.administrator = ended("administrator", "Sessions ended by an administrator (the sessions endpoint)");
	}

	private Counter ended(String reason, String description) {
		return Counter.builder("sessions.ended").tag("reason", reason).description(description).register(this.registry);
	}

	/**
	 * Reports the sessions the store holds, asked at each scrape at a cost that does not
	 * grow with them (see the stores' {@code countActive}).
	 */
	void countActiveWith(LongSupplier store) {
		Gauge.builder("sessions.active", () -> active(store))
			.description("Sessions the store holds (an estimate on a large Redis; see the README)")
			.register(this.registry);
	}

	private static double active(LongSupplier store) {
		try {
			return store.getAsLong();
		}
		catch (DataAccessException ex) {
			logger.debug("Cannot count the active sessions: " + ex.getMessage());
			return Double.NaN;
		}
	}

	void created() {
		this.created.increment();
	}

	public void signedOut() {
		this.signedOut.increment();
	}

	public void replaced() {
		this.replaced.increment();
	}

	void endedByAdministrator() {
		this.administrator.increment();
	}

	void expired(long count) {
		this.expired.increment(count);
	}

}
