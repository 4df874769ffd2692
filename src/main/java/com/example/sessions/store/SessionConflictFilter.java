package com.example.sessions.store;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a change that could not be saved because another request of the same session
 * changed the same thing at the same moment ({@link SessionConflictException}, or a lock
 * the database could not give: a deadlock) with {@code 409 Conflict} and a page that says
 * so: nothing of the request was stored, and the page the form came from shows what is.
 * Sits outside Spring Session's filter, which saves the session when the response is
 * committed or the request ends.
 */
class SessionConflictFilter extends OncePerRequestFilter {

	/**
	 * Request attribute, for the error page ({@code error.jte}): where to go to see what
	 * is stored now.
	 */
	static final String RETURN_TO = "conflictReturnTo";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			RuntimeException conflict = conflict(ex);
			if (conflict == null || response.isCommitted()) {
				throw ex;
			}
			this.logger.info("A change collided with another request of the same session, answered 409: "
					+ conflict.getMessage());
			request.setAttribute(RETURN_TO, returnTo(request));
			response.resetBuffer();
			response.sendError(HttpStatus.CONFLICT.value());
		}
	}

	private static RuntimeException conflict(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SessionConflictException conflict) {
				return conflict;
			}
			if (cause instanceof ConcurrencyFailureException lock) {
				return lock;
			}
		}
		return null;
	}

	/**
	 * The page the form was on: its path's first segment ({@code /shop/add} came from
	 * {@code /shop}). Going back there shows what is stored now; reloading the refused
	 * request would send the form again.
	 */
	static String returnTo(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		int end = path.indexOf('/', 1);
		return (end > 0) ? path.substring(0, end) : (path.isEmpty() ? "/" : path);
	}

}
