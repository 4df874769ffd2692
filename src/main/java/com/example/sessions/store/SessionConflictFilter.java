package com.example.sessions.store;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a change that could not be saved because another request of the same session
 * changed the same thing at the same moment ({@link SessionConflictException}) with
 * {@code 409 Conflict} and a page that says so: nothing of the request was stored, and
 * reloading shows what is. Sits outside Spring Session's filter, which saves the session
 * when the response is committed or the request ends.
 */
class SessionConflictFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			SessionConflictException conflict = conflict(ex);
			if (conflict == null || response.isCommitted()) {
				throw ex;
			}
			this.logger.info(conflict.getMessage() + "; answered 409");
			response.resetBuffer();
			response.sendError(HttpStatus.CONFLICT.value());
		}
	}

	private static SessionConflictException conflict(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SessionConflictException conflict) {
				return conflict;
			}
		}
		return null;
	}

}
