package com.example.sessions.visits;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import com.example.sessions.store.ReadCounter;

/**
 * The visit counter: how many pages this session has loaded, kept in the session
 * (attribute {@value #ATTRIBUTE}). A page is a {@code GET} of the site that reads the
 * session; form posts, static files and the management endpoints are not pages.
 * <p>
 * Where the store can, it counts while it loads the session ({@link ReadCounter}): no
 * extra round trip, and two tabs loading pages at the same moment never lose a count.
 * Where it cannot (Spring Session's repositories, the memory store), the count is read
 * and written back like any other value ({@link #countInTheSession()}), and two pages
 * loaded at the same moment may count as one. There, the count starts at zero when
 * someone signs in ({@code VisitsConfiguration}): later pages change a value the store
 * holds rather than two of them adding it at the same moment, which Spring Session's JDBC
 * repository fails on (a duplicate key).
 */
class PageViews implements ReadCounter {

	static final String ATTRIBUTE = "visits";

	@Override
	public @Nullable String attributeToCount() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			return isPage(attributes.getRequest()) ? ATTRIBUTE : null;
		}
		return null;
	}

	private static boolean isPage(HttpServletRequest request) {
		return "GET".equals(request.getMethod()) && request.getDispatcherType() == DispatcherType.REQUEST
				&& !request.getRequestURI().startsWith("/actuator/");
	}

	/**
	 * Counts the pages of sessions whose store does not count them, before the page is
	 * rendered.
	 */
	HandlerInterceptor countInTheSession() {
		return new HandlerInterceptor() {

			@Override
			public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
				HttpSession session;
				if (handler instanceof HandlerMethod && isPage(request)
						&& (session = request.getSession(false)) != null) {
					long count = (session.getAttribute(ATTRIBUTE) instanceof Number number) ? number.longValue() : 0;
					session.setAttribute(ATTRIBUTE, count + 1);
				}
				return true;
			}

		};
	}

}
