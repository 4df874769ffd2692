package com.example.sessions.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback in front of a server, which can turn the connections open so
 * far into black holes: they stay open, and what is sent on them is taken and never
 * answered, as when the server's host dies without closing them (or a balancer keeps
 * routing them to a host that is gone). Connections opened afterwards reach the server
 * again, as they would reach the host that replaced it.
 */
public final class BlackHoleProxy implements AutoCloseable {

	private final ServerSocket listening;

	private final int target;

	private final List<Link> links = new CopyOnWriteArrayList<>();

	public BlackHoleProxy(int target) {
		this.target = target;
		try {
			this.listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		daemon(this::accept);
	}

	public int port() {
		return this.listening.getLocalPort();
	}

	/**
	 * Every connection open now swallows what it is sent from now on.
	 */
	public void swallowOpenConnections() {
		this.links.forEach((link) -> link.swallowing = true);
	}

	private void accept() {
		while (!this.listening.isClosed()) {
			try {
				link(this.listening.accept());
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private synchronized void link(Socket client) throws IOException {
		Socket server;
		try {
			server = new Socket(InetAddress.getLoopbackAddress(), this.target);
		}
		catch (IOException ex) {
			// The server is down: the client sees its connection end.
			client.close();
			return;
		}
		if (this.listening.isClosed()) {
			client.close();
			server.close();
			return;
		}
		Link link = new Link(client, server);
		this.links.add(link);
		daemon(() -> link.pump(client, server));
		daemon(() -> link.pump(server, client));
	}

	private static void daemon(Runnable task) {
		Thread thread = new Thread(task, "black-hole-proxy");
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public synchronized void close() throws IOException {
		this.listening.close();
		for (Link link : this.links) {
			link.client.close();
			link.server.close();
		}
	}

	private static final class Link {

		private final Socket client;

		private final Socket server;

		private volatile boolean swallowing;

		Link(Socket client, Socket server) {
			this.client = client;
			this.server = server;
		}

		void pump(Socket from, Socket to) {
			byte[] buffer = new byte[8192];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
					if (!this.swallowing) {
						out.write(buffer, 0, read);
						out.flush();
					}
				}
			}
			catch (IOException ex) {
				// either side closed
			}
		}

	}

}
