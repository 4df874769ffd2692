package com.example.sessions.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

public final class FreePort {

	private FreePort() {
	}

	public static int find() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A free port whose companion {@code offset} above is free too: a Redis Cluster node
	 * also listens on its port + 10000 (the cluster bus), which may be taken, or past
	 * 65535, for a port picked at random.
	 */
	public static int findWithCompanion(int offset) {
		for (int attempt = 0; attempt < 100; attempt++) {
			int port = find();
			if (port + offset <= 65535 && free(port + offset)) {
				return port;
			}
		}
		throw new IllegalStateException("No free port with a free companion " + offset + " above it");
	}

	private static boolean free(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
