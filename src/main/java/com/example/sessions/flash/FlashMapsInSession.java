package com.example.sessions.flash;

import java.util.Collections;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;

import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.FlashMapManager;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.support.SessionFlashMapManager;
import org.springframework.web.util.WebUtils;

/**
 * Spring MVC's flash attributes, kept in the session as {@link SessionFlashMapManager}
 * keeps them (same attribute), as {@link StoredFlashMaps}, and looked for only where they
 * can be used.
 * <p>
 * The {@link DispatcherServlet} looks for them before it knows what will handle the
 * request, so on every request, static files included; for a visitor with a session each
 * look is a read of the store. Here it finds nothing; the look happens in an interceptor
 * ({@link #lookBeforeControllers()}) once the handler is known to be a controller method,
 * which is where Spring MVC hands flash attributes to the model.
 */
final class FlashMapsInSession implements FlashMapManager {

	static final String ATTRIBUTE = SessionFlashMapManager.class.getName() + ".FLASH_MAPS";

	private final SessionFlashMapManager session = new SessionFlashMapManager() {

		@Override
		protected @Nullable List<FlashMap> retrieveFlashMaps(HttpServletRequest request) {
			HttpSession session = request.getSession(false);
			return (session != null && session.getAttribute(ATTRIBUTE) instanceof StoredFlashMaps stored)
					? stored.toFlashMaps() : null;
		}

		@Override
		protected void updateFlashMaps(List<FlashMap> flashMaps, HttpServletRequest request,
				HttpServletResponse response) {
			WebUtils.setSessionAttribute(request, ATTRIBUTE,
					flashMaps.isEmpty() ? null : StoredFlashMaps.of(flashMaps));
		}

	};

	@Override
	public @Nullable FlashMap retrieveAndUpdate(HttpServletRequest request, HttpServletResponse response) {
		return null;
	}

	@Override
	public void saveOutputFlashMap(FlashMap flashMap, HttpServletRequest request, HttpServletResponse response) {
		this.session.saveOutputFlashMap(flashMap, request, response);
	}

	HandlerInterceptor lookBeforeControllers() {
		return new HandlerInterceptor() {

			@Override
			public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
				if (handler instanceof HandlerMethod) {
					FlashMap input = FlashMapsInSession.this.session.retrieveAndUpdate(request, response);
					if (input != null) {
						request.setAttribute(DispatcherServlet.INPUT_FLASH_MAP_ATTRIBUTE,
								Collections.unmodifiableMap(input));
					}
				}
				return true;
			}

		};
	}

}
