package com.example.sessions.shutdown;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a stopping instance go within moments under load. On {@code SIGTERM}, Spring
 * Boot's graceful shutdown stops accepting connections and waits for the requests in
 * progress; but a busy keep-alive connection (a load balancer's, a browser's) keeps
 * bringing new ones, which keeps it waiting. From the moment the shutdown starts, every
 * response not yet on its way says {@code Connection: close}: each connection ends after
 * the request it carries, and its client sends the next one over a new connection, to
 * another instance. Requests in progress finish as before; nothing is cut off.
 */
final class ConnectionDraining extends OncePerRequestFilter implements SmartLifecycle {

	private volatile boolean running;

	private volatile boolean draining;

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.draining) {
			response.setHeader(HttpHeaders.CONNECTION, "close");
		}
		chain.doFilter(request, response);
		// A request already in progress when the shutdown started: its response is
		// still held back (SingleCommitFilter) unless it was large.
		if (this.draining && !response.isCommitted()) {
			response.setHeader(HttpHeaders.CONNECTION, "close");
		}
	}

	@Override
	public void start() {
		this.draining = false;
		this.running = true;
	}

	@Override
	public void stop() {
		this.draining = true;
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Stopped just before the web server's graceful shutdown begins.
	 */
	@Override
	public int getPhase() {
		return WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE + 1;
	}

}
