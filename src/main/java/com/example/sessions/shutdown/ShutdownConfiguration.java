package com.example.sessions.shutdown;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class ShutdownConfiguration {

	@Bean
	ConnectionDraining connectionDraining(@Value("${app.shutdown.drain-timeout}") Duration drainTimeout) {
		return new ConnectionDraining(drainTimeout);
	}

	@Bean
	FilterRegistrationBean<ConnectionDraining> connectionDrainingFilter(ConnectionDraining draining) {
		FilterRegistrationBean<ConnectionDraining> registration = new FilterRegistrationBean<>(draining);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
