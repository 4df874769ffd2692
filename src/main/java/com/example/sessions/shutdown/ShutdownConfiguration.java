package com.example.sessions.shutdown;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class ShutdownConfiguration {

	@Bean
	ConnectionDraining connectionDraining() {
		return new ConnectionDraining();
	}

	@Bean
	FilterRegistrationBean<ConnectionDraining> connectionDrainingFilter(ConnectionDraining draining) {
		FilterRegistrationBean<ConnectionDraining> registration = new FilterRegistrationBean<>(draining);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
