package com.example.sessions.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.session.autoconfigure.DefaultCookieSerializerCustomizer;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Spring Security supplies CSRF protection, security headers and cache control. It does
 * not authenticate anyone and never touches the session: signing in is plain Spring MVC
 * over {@code HttpSession}.
 * <p>
 * Public only so that controller slice tests can import it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ServerProperties.class)
public class SecurityConfiguration {

	private static final String HOST_PREFIX = "__Host-";

	private static final String CSRF_COOKIE = "XSRF-TOKEN";

	// No inline script or style anywhere, so the policy can be strict.
	private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, CsrfTokenRepository csrfTokens) {
		// The management endpoints have a chain of their own
		// (ManagementSecurityConfiguration).
		return http.csrf((csrf) -> csrf.csrfTokenRepository(csrfTokens))
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
			// Nothing below may create or read a session: anonymous visitors must cost
			// the store nothing.
			.securityContext((context) -> context.disable())
			.sessionManagement((sessions) -> sessions.disable())
			.requestCache((cache) -> cache.disable())
			.anonymous((anonymous) -> anonymous.disable())
			.logout((logout) -> logout.disable())
			.build();
	}

	/**
	 * Spring Security would trace every filter of every request; the HTTP server
	 * observation already measures the request, at a fraction of the cost.
	 */
	@Bean
	SecurityObservationSettings noSecurityFilterObservations() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * The CSRF token lives in a cookie (double submit), not in the session, so that the
	 * anonymous login form does not create a stored session.
	 */
	@Bean
	CsrfTokenRepository csrfTokenRepository(ServerProperties server) {
		boolean secure = secure(server);
		CookieCsrfTokenRepository repository = new CookieCsrfTokenRepository();
		repository.setCookieName(secure ? HOST_PREFIX + CSRF_COOKIE : CSRF_COOKIE);
		repository.setCookieCustomizer((cookie) -> cookie.sameSite("Lax").path("/").secure(secure));
		return repository;
	}

	/**
	 * Over HTTPS the session cookie is named {@code __Host-SESSION}: browsers then accept
	 * it only if it is {@code Secure}, for {@code Path=/} and without {@code Domain}, so
	 * a sibling subdomain or a plain-HTTP page cannot plant or overwrite it.
	 */
	@Bean
	DefaultCookieSerializerCustomizer hostOnlySessionCookie(ServerProperties server) {
		String name = server.getServlet().getSession().getCookie().getName();
		return (serializer) -> {
			if (secure(server)) {
				serializer.setCookieName(HOST_PREFIX + ((name != null) ? name : "SESSION"));
			}
		};
	}

	private static boolean secure(ServerProperties server) {
		return Boolean.TRUE.equals(server.getServlet().getSession().getCookie().getSecure());
	}

}
