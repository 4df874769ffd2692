package com.example.sessions.security;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Switches the endpoints that reveal or end sessions off when no administrator password
 * is set, whatever else says they are on: without a credential they would be open to
 * anyone who reaches the management port. Runs after the property files are read.
 */
class AdminEndpointsSwitch implements EnvironmentPostProcessor, Ordered {

	/**
	 * The access property of the Actuator endpoint that shows session ids and ends
	 * sessions.
	 */
	static final String SESSIONS_ACCESS = "management.endpoint.sessions.access";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!StringUtils.hasLength(environment.getProperty(AdminCredentials.PASSWORD_PROPERTY))) {
			environment.getPropertySources()
				.addFirst(new MapPropertySource("noAdministratorPassword", Map.of(SESSIONS_ACCESS, "none")));
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
