package com.example.sessions.pages;

import gg.jte.TemplateEngine;
import gg.jte.springframework.boot.autoconfigure.JteProperties;
import gg.jte.springframework.boot.autoconfigure.JteViewResolver;
import gg.jte.springframework.boot.autoconfigure.ServletJteAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.resource.ResourceUrlProvider;
import org.springframework.web.servlet.view.AbstractUrlBasedView;

/**
 * Resolves view names to jte templates rendered by {@link PageView}. The jte starter's
 * {@code JteViewResolver} is only created where there is none, so it is replaced by this
 * one, which resolves names the same way and makes each view a {@link PageView}.
 * <p>
 * An auto-configuration, not a component: it must be read before the starter's
 * ({@code before}), and the controllers' test slices ({@code @WebMvcTest}) take it in by
 * name ({@code src/test/resources/META-INF/spring}), so that they render the real pages.
 */
@AutoConfiguration(before = ServletJteAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
class PagesAutoConfiguration {

	@Bean
	JteViewResolver jteViewResolver(TemplateEngine templates, JteProperties properties, MessageSource messages,
			ResourceUrlProvider assets) {
		if (!templates.hasTemplate("layout.jte")) {
			// Otherwise the app would start, report itself healthy, and fail every page.
			throw new IllegalStateException("The compiled templates are missing: build with Maven (its "
					+ "generate-sources phase turns src/main/jte into Java), e.g. ./mvnw package");
		}
		JteViewResolver resolver = new JteViewResolver(templates, properties) {

			@Override
			protected AbstractUrlBasedView instantiateView() {
				return new PageView(templates, messages, assets);
			}

		};
		// The templates read the Page, not Spring's macro helpers: nothing to build per
		// page.
		resolver.setExposeSpringMacroHelpers(false);
		return resolver;
	}

}
