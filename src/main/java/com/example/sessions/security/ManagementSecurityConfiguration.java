package com.example.sessions.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.micrometer.metrics.actuate.endpoint.MetricsEndpoint;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/**
 * The management port: health, info and metrics for anyone who reaches it (they name no
 * user and show no session), the sessions endpoint (ids, names, ending sessions) only for
 * the administrator, with HTTP Basic. See {@link AdminCredentials}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminCredentials.class)
class ManagementSecurityConfiguration {

	private static final String ADMIN = "ADMIN";

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain managementSecurityFilterChain(HttpSecurity http) {
		// Open by name; anything else (the sessions endpoint, and whatever endpoint may
		// be
		// switched on one day, such as a heap dump full of session ids) for the
		// administrator only.
		return http.securityMatcher(EndpointRequest.toAnyEndpoint())
			.authorizeHttpRequests((requests) -> requests.requestMatchers(EndpointRequest.toLinks(),
					EndpointRequest.to(HealthEndpoint.class, InfoEndpoint.class, MetricsEndpoint.class,
							PrometheusScrapeEndpoint.class))
				.permitAll()
				.anyRequest()
				.hasRole(ADMIN))
			.httpBasic(Customizer.withDefaults())
			// Scripts, not browsers: no CSRF token, no session, no cookie.
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.securityContext(
					(context) -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
			.requestCache((cache) -> cache.disable())
			.build();
	}

	/**
	 * The administrator, if a password is set; nobody otherwise (and then the sessions
	 * endpoint is off: {@link AdminEndpointsSwitch}). Also keeps Spring Boot from making
	 * a user with a generated password.
	 */
	@Bean
	UserDetailsService administrators(AdminCredentials admin, PasswordEncoder passwords) {
		if (!admin.configured()) {
			return new InMemoryUserDetailsManager();
		}
		return new InMemoryUserDetailsManager(
				User.withUsername(admin.username()).password(passwords.encode(admin.password())).roles(ADMIN).build());
	}

	/**
	 * The password is a long random secret from the environment, not a person's password:
	 * a slow hash (bcrypt) would only let anyone who reaches the port burn both cores
	 * with wrong guesses.
	 */
	@Bean
	PasswordEncoder adminPasswordEncoder() {
		return new Sha256PasswordEncoder();
	}

}
