package com.example.sessions.store;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * What surrounds Spring Session's filter: a clear answer when the store is unavailable or
 * a change collides with another request's, and responses committed once.
 */
@Configuration(proxyBeanMethods = false)
class SessionFiltersConfiguration {

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
