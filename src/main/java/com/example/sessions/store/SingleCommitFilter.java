package com.example.sessions.store;

import java.io.IOException;
import java.io.PrintWriter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds back explicit flushes of the response until the request is done, so that Spring
 * Session commits the session once per request instead of twice.
 * <p>
 * Spring Session commits the session when the response is first flushed (Spring MVC's
 * message converters flush every body they write, JSON error answers included; pages are
 * written without a flush, {@code pages/PageView}) and again when the request ends, and
 * the second commit reads the session back from the store: one wasted round trip per page
 * (spring-projects/spring-session#1731). Pages here are small and never streamed, so
 * nothing is lost by sending them when the request ends; a response larger than the
 * buffer is still sent as it fills.
 */
class SingleCommitFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(request, new FlushAtEnd(response));
	}

	private static final class FlushAtEnd extends HttpServletResponseWrapper {

		private PrintWriter writer;

		private ServletOutputStream outputStream;

		FlushAtEnd(HttpServletResponse response) {
			super(response);
		}

		@Override
		public void flushBuffer() {
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			if (this.writer == null) {
				this.writer = new PrintWriter(super.getWriter()) {

					@Override
					public void flush() {
					}

				};
			}
			return this.writer;
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			if (this.outputStream == null) {
				ServletOutputStream target = super.getOutputStream();
				this.outputStream = new ServletOutputStream() {

					@Override
					public void write(int b) throws IOException {
						target.write(b);
					}

					@Override
					public void write(byte[] bytes, int offset, int length) throws IOException {
						target.write(bytes, offset, length);
					}

					@Override
					public void flush() {
					}

					@Override
					public void close() throws IOException {
						target.close();
					}

					@Override
					public boolean isReady() {
						return target.isReady();
					}

					@Override
					public void setWriteListener(WriteListener listener) {
						target.setWriteListener(listener);
					}

				};
			}
			return this.outputStream;
		}

	}

}
