package com.example.sessions.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import io.lettuce.core.api.sync.RedisCommands;

/**
 * Counts the commands clients send to one Redis server, with its {@code MONITOR} command.
 * Commands that a server-side script runs are not round trips and are not counted, nor is
 * a client's connection and cluster-topology housekeeping, nor the application's check of
 * its subscription ({@code PUBSUB NUMSUB}), which no request waits for.
 */
public final class RedisMonitor implements RoundTrips, AutoCloseable {

	private final Socket socket;

	private final BufferedReader monitor;

	private static final Pattern HOUSEKEEPING = Pattern
		.compile(".*\\] \"(?i:cluster|hello|client|auth|info|ping|pubsub)\".*");

	private final RedisCommands<String, String> marker;

	private int marks;

	public RedisMonitor(int port) {
		this.marker = EmbeddedRedis.commands(port);
		try {
			this.socket = new Socket("127.0.0.1", port);
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
				if (!line.contains(" lua]") && !line.contains("round-trip-mark-")
						&& !HOUSEKEEPING.matcher(line).matches()) {
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
