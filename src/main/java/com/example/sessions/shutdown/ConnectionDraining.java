package com.example.sessions.shutdown;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.connector.Connector;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a stopping instance go within moments under load, answering in full every request
 * that arrives while it drains. On {@code SIGTERM}, Spring Boot's graceful shutdown
 * pauses Tomcat and waits for the requests in progress. Two things go wrong with clients
 * that keep their connections open and busy (a load balancer, a browser): they keep
 * bringing new requests, which keeps the shutdown waiting; and a request Tomcat has begun
 * to read at the moment it pauses is answered {@code 400} (Tomcat 11 marks it
 * {@code 503}, then finds its headers, never read, missing a Host).
 * <p>
 * So first, before the pause: stop accepting connections, tell every client still sending
 * over an open one {@code Connection: close} with its answer (each then sends its next
 * request over a new connection, to another instance), and wait until they have all
 * closed, or the drain timeout has passed. Only then does the graceful shutdown pause
 * Tomcat, with no busy connection left to race it.
 */
final class ConnectionDraining extends OncePerRequestFilter implements SmartLifecycle, TomcatConnectorCustomizer {

	private static final Log logger = LogFactory.getLog(ConnectionDraining.class);

	private final List<Connector> connectors = new CopyOnWriteArrayList<>();

	private final Duration drainTimeout;

	private volatile boolean running;

	private volatile boolean draining;

	/**
	 * @param drainTimeout how long open connections may hold the shutdown
	 * ({@code app.shutdown.drain-timeout}). A busy one closes after its next answer,
	 * within moments. One left idle (a load balancer's spare, a browser's) may not send
	 * again for a minute; Tomcat closes it as it stops, which its client notices and gets
	 * over (it reconnects, and resends a request it had just sent if the request was safe
	 * to repeat), so waiting longer for it would buy little. A request that arrives on it
	 * after the wait, in the moment before Tomcat closes it, meets the pause described
	 * above: keep a load balancer's idle connections shorter-lived than the wait
	 * ({@code deploy/nginx.conf}).
	 */
	ConnectionDraining(Duration drainTimeout) {
		this.drainTimeout = drainTimeout;
	}

	@Override
	public void customize(Connector connector) {
		this.connectors.add(connector);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.draining) {
			response.setHeader(HttpHeaders.CONNECTION, "close");
		}
		chain.doFilter(request, response);
		// A request already in progress when the shutdown started: its response is
		// still in the buffer (nothing flushes it: SingleCommitFilter) unless it was
		// large.
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
		// Once its server socket is closed, Tomcat also ends keep-alive on every answer.
		this.connectors.forEach((connector) -> connector.getProtocolHandler().closeServerSocketGraceful());
		long waitMillis = this.drainTimeout.toMillis();
		for (Connector connector : this.connectors) {
			waitMillis = connector.getProtocolHandler().awaitConnectionsClose(waitMillis);
		}
		if (waitMillis <= 0) {
			logger.info("Waited " + this.drainTimeout.toMillis()
					+ " ms for open connections to close; the rest meet the graceful shutdown");
		}
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
