package com.example.sessions.store;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns a session store that cannot be reached (down, hung past its timeout, out of
 * connections) into a clear {@code 503 Service Unavailable} with {@code Retry-After},
 * instead of a 500. Sits outside Spring Session's filter, which reads the session during
 * the request and writes it at the end; either may fail. The visitor's cookie is left
 * alone: once the store is back, the same session carries on. While the store is thought
 * down, most requests that need it get here at once rather than after the store's timeout
 * ({@link StoreOutage}).
 */
class StoreUnavailableFilter extends OncePerRequestFilter {

	static final String RETRY_AFTER_SECONDS = "5";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			if (!StoreOutage.isOutage(ex) || response.isCommitted()) {
				throw ex;
			}
			if (!(ex instanceof StoreOutage.StillDown) && !(ex.getCause() instanceof StoreOutage.StillDown)) {
				String cause = NestedExceptionUtils.getMostSpecificCause(ex).getMessage();
				this.logger.warn("Session store unavailable: " + ex.getMessage()
						+ ((cause != null && !cause.equals(ex.getMessage())) ? " (" + cause + ")" : ""));
			}
			response.resetBuffer();
			response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
			response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
		}
	}

}
