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

	private final boolean storeCounts;

	/**
	 * Without a store (a slice of the application in a test), nothing counts.
	 */
	VisitsConfiguration(ObjectProvider<SessionStoreDescription> store) {
		SessionStoreDescription description = store.getIfAvailable();
		this.storeCounts = description == null || description.countsReads();
	}

	@Bean
	PageViews pageViews() {
		return this.pageViews;
	}

	@Bean
	StartedAtSignIn visitsStartedAtSignIn() {
		return () -> this.storeCounts ? Map.of() : Map.of(PageViews.ATTRIBUTE, 0);
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		if (!this.storeCounts) {
			registry.addInterceptor(this.pageViews.countInTheSession());
		}
	}

}
