package com.example.sessions.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.session.actuate.endpoint.SessionsEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
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
		return http.securityMatcher(EndpointRequest.toAnyEndpoint())
			.authorizeHttpRequests((requests) -> requests.requestMatchers(EndpointRequest.to(SessionsEndpoint.class))
				.hasRole(ADMIN)
				.anyRequest()
				.permitAll())
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
	UserDetailsService administrators(AdminCredentials admin) {
		if (!admin.configured()) {
			return new InMemoryUserDetailsManager();
		}
		PasswordEncoder passwords = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		return new InMemoryUserDetailsManager(
				User.withUsername(admin.username()).password(passwords.encode(admin.password())).roles(ADMIN).build());
	}

}
