package com.example.sessions.visits;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import com.example.sessions.store.ReadCounter;

/**
 * The visit counter: how many pages this session has loaded, kept in the session
 * (attribute {@value #ATTRIBUTE}). A page is a {@code GET} of the site that reads the
 * session; form posts, static files and the management endpoints are not pages. The store
 * counts while it loads the session, so the counter costs no extra round trip and two
 * tabs loading pages at the same moment never lose a count.
 */
@Component
class PageViews implements ReadCounter {

	static final String ATTRIBUTE = "visits";

	@Override
	public @Nullable String attributeToCount() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			boolean page = "GET".equals(request.getMethod()) && request.getDispatcherType() == DispatcherType.REQUEST
					&& !request.getRequestURI().startsWith("/actuator/");
			return page ? ATTRIBUTE : null;
		}
		return null;
	}

}
