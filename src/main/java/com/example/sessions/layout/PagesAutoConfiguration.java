package com.example.sessions.layout;

import gg.jte.TemplateEngine;
import gg.jte.springframework.boot.autoconfigure.JteProperties;
import gg.jte.springframework.boot.autoconfigure.JteViewResolver;
import gg.jte.springframework.boot.autoconfigure.ServletJteAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.resource.ResourceUrlProvider;
import org.springframework.web.servlet.view.AbstractUrlBasedView;

/**
 * Pages are jte templates ({@code src/main/jte}, compiled by the build) rendered by
 * {@link PageView}. The jte starter resolves view names to templates; this resolver,
 * which the starter's backs off for, only gives each view the {@link Page}. An
 * auto-configuration, so that the controllers' test slices ({@code @WebMvcTest}) render
 * the same pages (they import it: {@code src/test/resources/META-INF/spring}).
 */
@AutoConfiguration(before = ServletJteAutoConfiguration.class)
class PagesAutoConfiguration {

	@Bean
	JteViewResolver jteViewResolver(TemplateEngine templates, JteProperties properties, MessageSource messages,
			ResourceUrlProvider assets) {
		return new JteViewResolver(templates, properties) {

			@Override
			protected AbstractUrlBasedView instantiateView() {
				return new PageView(templates, messages, assets);
			}

		};
	}

}
