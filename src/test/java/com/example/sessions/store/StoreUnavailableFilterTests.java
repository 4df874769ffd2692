package com.example.sessions.store;

import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CancellationException;

import jakarta.servlet.FilterChain;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Which failures mean "the store is unavailable" (a 503 page) and which are bugs (a 500):
 * the cases a real outage produces only now and then, such as a connection reset in the
 * middle of a command while the store stops.
 */
class StoreUnavailableFilterTests {

	private final StoreUnavailableFilter filter = new StoreUnavailableFilter();

	@Test
	void storeThatCannotBeReachedIsA503WithRetryAfter() throws Exception {
		MockHttpServletResponse response = run(failingWith(new RedisConnectionFailureException("refused")));

		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getHeader("Retry-After")).isEqualTo("5");
	}

	@Test
	void connectionResetInTheMiddleOfACommandIsA503() throws Exception {
		MockHttpServletResponse response = run(
				failingWith(new RedisSystemException("Redis exception", new SocketException("Connection reset"))));

		assertThat(response.getStatus()).isEqualTo(503);
	}

	/**
	 * What the commands in flight and those queued get when the client leaves a master
	 * that Sentinel has replaced, and what a new connection gets before Sentinel has a
	 * new master.
	 */
	@ParameterizedTest
	@MethodSource("connectionClosedUnderACommand")
	void connectionClosedUnderACommandIsA503(RuntimeException failure) throws Exception {
		MockHttpServletResponse response = run(failingWith(failure));

		assertThat(response.getStatus()).isEqualTo(503);
	}

	static List<RuntimeException> connectionClosedUnderACommand() {
		return List.of(new RedisSystemException("Redis exception", new RedisException("Connection closed")),
				new RedisSystemException("Unknown redis exception", new CancellationException()),
				new RedisSystemException("Redis exception",
						new RedisException("Master is currently unknown: [RedisMasterReplicaNode [role=REPLICA]]")));
	}

	@ParameterizedTest
	@MethodSource("errorsThatAreNoOutage")
	void anErrorOfTheStoreThatIsNoOutageIsNotHidden(RuntimeException failure) {
		assertThatExceptionOfType(RedisSystemException.class).isThrownBy(() -> run(failingWith(failure)));
	}

	/**
	 * An error reply of the server, and a bug on the client's side that Lettuce reports
	 * with the same exception as a closed connection.
	 */
	static List<RuntimeException> errorsThatAreNoOutage() {
		return List.of(
				new RedisSystemException("Error in execution", new RedisCommandExecutionException("ERR bad script")),
				new RedisSystemException("Redis exception", new RedisException("Unsupported script output type")));
	}

	@Test
	void aLockTheDatabaseCouldNotGiveIsNoOutage() {
		FilterChain deadlock = failingWith(new PessimisticLockingFailureException("deadlock"));

		assertThatExceptionOfType(PessimisticLockingFailureException.class).isThrownBy(() -> run(deadlock));
	}

	private MockHttpServletResponse run(FilterChain chain) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(new MockHttpServletRequest("GET", "/"), response, chain);
		return response;
	}

	private static FilterChain failingWith(RuntimeException failure) {
		return (request, response) -> {
			throw failure;
		};
	}

}
