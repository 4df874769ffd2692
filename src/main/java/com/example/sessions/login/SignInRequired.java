package com.example.sessions.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Sends visitors who are not signed in to the sign-in page. Creates no session.
 */
class SignInRequired implements HandlerInterceptor {

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws Exception {
		HttpSession session = request.getSession(false);
		if (session != null && session.getAttribute(SignedIn.NAME) != null) {
			return true;
		}
		response.sendRedirect(request.getContextPath() + "/login");
		return false;
	}

}
