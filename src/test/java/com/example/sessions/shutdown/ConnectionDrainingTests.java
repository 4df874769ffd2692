package com.example.sessions.shutdown;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import com.example.sessions.support.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping under load, as a rolling deploy stops an instance: clients that keep their
 * connections open and busy are told to reconnect (to another instance), so they do not
 * hold the shutdown. How long the shutdown takes under real load is measured by
 * {@code bench/reliability.sh} (restart check), not here.
 */
class ConnectionDrainingTests {

	private static final Duration GRACE_PERIOD = Duration.ofSeconds(20);

	@Test
	void whileStoppingEveryAnswerTellsItsClientToReconnectElsewhere() throws Exception {
		RunningApp app = startApp(Duration.ofSeconds(2));
		URI page = URI.create("http://127.0.0.1:" + app.port() + "/login");
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		List<HttpResponse<Void>> answers = new CopyOnWriteArrayList<>();
		AtomicBoolean stopped = new AtomicBoolean();
		ExecutorService clients = Executors.newFixedThreadPool(8);
		for (int i = 0; i < 8; i++) {
			clients.submit(() -> {
				while (!stopped.get()) {
					try {
						answers.add(http.send(HttpRequest.newBuilder(page).build(),
								HttpResponse.BodyHandlers.discarding()));
					}
					catch (IOException ex) {
						// Refused once the instance no longer takes connections.
					}
				}
				return null;
			});
		}
		Thread.sleep(1000);

		long start = System.nanoTime();
		app.close();
		Duration shutdown = Duration.ofNanos(System.nanoTime() - start);
		stopped.set(true);
		clients.shutdown();
		assertThat(clients.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

		assertThat(answers).allSatisfy((answer) -> assertThat(answer.statusCode()).isEqualTo(200));
		assertThat(answers).as("answers sent while stopping")
			.anySatisfy((answer) -> assertThat(answer.headers().firstValue("Connection")).hasValue("close"));
		assertThat(shutdown).as("not the whole grace period").isLessThan(GRACE_PERIOD);
	}

	@Test
	void aConnectionLeftOpenStillGetsItsAnswerOnceTheInstanceTakesNoNewOnes() throws Exception {
		// Long enough that the test's own pace cannot matter: the drain ends as soon as
		// the connection closes.
		RunningApp app = startApp(GRACE_PERIOD);
		URI page = URI.create("http://127.0.0.1:" + app.port() + "/login");
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		HttpResponse<Void> before = http.send(HttpRequest.newBuilder(page).build(),
				HttpResponse.BodyHandlers.discarding());
		assertThat(before.headers().firstValue("Connection")).as("kept alive before the shutdown").isEmpty();

		CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::close);
		awaitRefused(app.port());
		// The client's connection from before, idle until now: still open, and answered.
		HttpResponse<Void> during = http.send(HttpRequest.newBuilder(page).build(),
				HttpResponse.BodyHandlers.discarding());
		long start = System.nanoTime();
		stopping.get(GRACE_PERIOD.toSeconds(), TimeUnit.SECONDS);

		assertThat(during.statusCode()).isEqualTo(200);
		assertThat(during.headers().firstValue("Connection")).hasValue("close");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("stopped once that connection closed")
			.isLessThan(GRACE_PERIOD.dividedBy(2));
	}

	private static RunningApp startApp(Duration drainTimeout) {
		return RunningApp.start("memory", Map.of("spring.lifecycle.timeout-per-shutdown-phase",
				GRACE_PERIOD.toSeconds() + "s", "app.shutdown.drain-timeout", drainTimeout.toMillis() + "ms"));
	}

	private static void awaitRefused(int port) throws InterruptedException {
		long deadline = System.nanoTime() + GRACE_PERIOD.toNanos();
		while (System.nanoTime() < deadline) {
			try (Socket socket = new Socket("127.0.0.1", port)) {
				Thread.sleep(20);
			}
			catch (IOException refused) {
				return;
			}
		}
		throw new AssertionError("the stopping instance still takes new connections");
	}

}
