package com.example.sessions.visits;

import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import com.example.sessions.login.StartedAtSignIn;
import com.example.sessions.store.SessionStoreDescription;

@Configuration(proxyBeanMethods = false)
class VisitsConfiguration implements WebMvcConfigurer {

	private final PageViews pageViews = new PageViews();

	private final boolean applicationCounts;

	/**
	 * Without a store (a slice of the application in a test), nothing is counted here.
	 */
	VisitsConfiguration(ObjectProvider<SessionStoreDescription> store) {
		SessionStoreDescription description = store.getIfAvailable();
		this.applicationCounts = description != null && !description.countsReads();
	}

	@Bean
	PageViews pageViews() {
		return this.pageViews;
	}

	@Bean
	StartedAtSignIn visitsStartedAtSignIn() {
		return () -> this.applicationCounts ? Map.of(PageViews.ATTRIBUTE, 0) : Map.of();
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		if (this.applicationCounts) {
			registry.addInterceptor(this.pageViews.countInTheSession());
		}
	}

}
