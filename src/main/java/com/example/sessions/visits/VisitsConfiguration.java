package com.example.sessions.visits;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import com.example.sessions.store.SessionStoreDescription;

@Configuration(proxyBeanMethods = false)
class VisitsConfiguration implements WebMvcConfigurer {

	private final PageViews pageViews = new PageViews();

	private final SessionStoreDescription store;

	VisitsConfiguration(SessionStoreDescription store) {
		this.store = store;
	}

	@Bean
	PageViews pageViews() {
		return this.pageViews;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		if (!this.store.countsReads()) {
			registry.addInterceptor(this.pageViews.countInTheSession());
		}
	}

}
