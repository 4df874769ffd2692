package com.example.sessions.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.lettuce.core.api.sync.RedisCommands;

/**
 * Counts the commands clients send to the embedded Redis, with its {@code MONITOR}
 * command. Commands that a server-side script runs are not round trips and are not
 * counted.
 */
public final class RedisMonitor implements RoundTrips, AutoCloseable {

	private final Socket socket;

	private final BufferedReader monitor;

	private final RedisCommands<String, String> marker = EmbeddedRedis.commands();

	private int marks;

	public RedisMonitor() {
		try {
			this.socket = new Socket("127.0.0.1", EmbeddedRedis.port());
			this.socket.getOutputStream().write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
			this.monitor = new BufferedReader(
					new InputStreamReader(this.socket.getInputStream(), StandardCharsets.UTF_8));
			this.monitor.readLine();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		sinceLastCall();
	}

	@Override
	public long sinceLastCall() {
		// Redis runs commands one at a time: once the monitor shows this marker, it has
		// shown everything the application sent before it.
		String mark = "round-trip-mark-" + (++this.marks);
		this.marker.echo(mark);
		long count = 0;
		try {
			for (String line = this.monitor.readLine(); line != null; line = this.monitor.readLine()) {
				if (line.contains(mark)) {
					return count;
				}
				if (!line.contains(" lua]") && !line.contains("round-trip-mark-")) {
					count++;
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		throw new IllegalStateException("Redis monitor closed");
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
