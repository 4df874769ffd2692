package com.example.sessions.login;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import com.example.sessions.store.PrincipalNameAttribute;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ RememberMe.class, LoginSettings.class })
class LoginConfiguration implements WebMvcConfigurer {

	/**
	 * Pages for signed-in visitors only; the others are sent to sign in.
	 */
	static final String[] SIGNED_IN_PAGES = { "/shop/**", "/checkout/**", "/preferences/**", "/session/**" };

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new SignInRequired()).addPathPatterns(SIGNED_IN_PAGES);
	}

	/**
	 * The stores index sessions by the signed-in name (the administrators' lookup, the
	 * {@code PRINCIPAL_NAME} column), read from where the name already is: kept once, not
	 * copied under Spring Session's principal-name attribute.
	 */
	@Bean
	PrincipalNameAttribute signedInName() {
		return new PrincipalNameAttribute(SignedIn.NAME);
	}

	/**
	 * Wraps the session cookie serializer that Spring Boot configures from
	 * {@code server.servlet.session.cookie.*}, keeping all of its settings.
	 */
	@Bean
	static BeanPostProcessor rememberMeCookies() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String name) {
				return (bean instanceof CookieSerializer cookies && !(bean instanceof RememberMeCookieSerializer))
						? new RememberMeCookieSerializer(cookies) : bean;
			}

		};
	}

}
