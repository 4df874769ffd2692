package com.example.sessions.preferences;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;

import com.example.sessions.login.KeptAcrossSignIn;

@Configuration(proxyBeanMethods = false)
class PreferencesConfiguration {

	/**
	 * The theme and language stay when someone else signs in on the same browser: they
	 * identify nobody, and the sign-in page was already shown in them.
	 */
	@Bean
	KeptAcrossSignIn preferencesKeptAcrossSignIn() {
		return () -> Set.of(Preferences.ATTRIBUTE);
	}

	@Bean(DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
	LocaleResolver localeResolver() {
		return new PreferencesLocaleResolver();
	}

}
