package com.example.sessions.store;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.FlashMapManager;

/**
 * What surrounds Spring Session's filter: a clear answer when the store is unavailable or
 * a change collides with another request's, and nothing that reads the session where the
 * application does not need it (every read of a stored session is a round trip to the
 * store; Spring MVC's request-handled events, which also read it, are switched off in
 * {@code application.properties}).
 */
@Configuration(proxyBeanMethods = false)
class SessionFiltersConfiguration {

	/**
	 * Spring MVC keeps flash attributes in the session and looks for them on every
	 * request, static files included. This app has none, so it never looks.
	 */
	@Bean(DispatcherServlet.FLASH_MAP_MANAGER_BEAN_NAME)
	FlashMapManager flashMapManager() {
		return new FlashMapManager() {

			@Override
			public FlashMap retrieveAndUpdate(HttpServletRequest request, HttpServletResponse response) {
				return null;
			}

			@Override
			public void saveOutputFlashMap(FlashMap flashMap, HttpServletRequest request,
					HttpServletResponse response) {
			}

		};
	}

	@Bean
	FilterRegistrationBean<StoreUnavailableFilter> storeUnavailableFilter() {
		FilterRegistrationBean<StoreUnavailableFilter> registration = new FilterRegistrationBean<>(
				new StoreUnavailableFilter());
		// Right outside Spring Session's filter, so that it also sees the failures of its
		// final write.
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
		return registration;
	}

	@Bean
	FilterRegistrationBean<SessionConflictFilter> sessionConflictFilter() {
		FilterRegistrationBean<SessionConflictFilter> registration = new FilterRegistrationBean<>(
				new SessionConflictFilter());
		// Outside Spring Session's filter (and the outage filter), so that it also sees
		// the conflicts of its final save.
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 2);
		return registration;
	}

	@Bean
	FilterRegistrationBean<SingleCommitFilter> singleCommitFilter() {
		FilterRegistrationBean<SingleCommitFilter> registration = new FilterRegistrationBean<>(
				new SingleCommitFilter());
		// Right inside Spring Session's filter, so that it sees the held-back flushes.
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER + 1);
		return registration;
	}

}
