package com.example.sessions.store;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns a session store that cannot be reached (down, hung past its timeout, out of
 * connections) into a clear {@code 503 Service Unavailable} with {@code Retry-After},
 * instead of a 500. Sits outside Spring Session's filter, which reads the session during
 * the request and writes it at the end; either may fail. The visitor's cookie is left
 * alone: once the store is back, the same session carries on.
 * <p>
 * After a failure, only one request at a time that carries a session cookie tries the
 * store; the others get the 503 at once instead of each waiting for the store's timeout,
 * so a hung store cannot tie up every server thread. The first store call that is
 * answered ends this (see {@link StoreOutage}), so the application is back as soon as the
 * store is; a request that never reached the store (an anonymous page, a static file)
 * proves nothing and changes nothing.
 */
class StoreUnavailableFilter extends OncePerRequestFilter {

	static final String RETRY_AFTER_SECONDS = "5";

	private final CookieSerializer sessionCookie;

	private final StoreOutage outage;

	private final AtomicBoolean probing = new AtomicBoolean();

	StoreUnavailableFilter(CookieSerializer sessionCookie, StoreOutage outage) {
		this.sessionCookie = sessionCookie;
		this.outage = outage;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean probe = this.outage.suspected() && !this.sessionCookie.readCookieValues(request).isEmpty();
		if (probe && !this.probing.compareAndSet(false, true)) {
			unavailable(response);
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			if (!causedByStore(ex) || response.isCommitted()) {
				throw ex;
			}
			this.outage.failed();
			this.logger.warn("Session store unavailable: " + ex.getMessage());
			response.resetBuffer();
			unavailable(response);
		}
		finally {
			if (probe) {
				this.probing.set(false);
			}
		}
	}

	private static void unavailable(HttpServletResponse response) throws IOException {
		response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
	}

	private static boolean causedByStore(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataAccessResourceFailureException || cause instanceof TransientDataAccessException) {
				return true;
			}
			// A connection that breaks in the middle of a command (the store stopping) is
			// reported as a general store error with the socket's failure inside.
			if (cause instanceof DataAccessException && brokenConnection(cause.getCause())) {
				return true;
			}
		}
		return false;
	}

	private static boolean brokenConnection(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof IOException) {
				return true;
			}
		}
		return false;
	}

}
