package com.example.sessions.pages;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.springframework.boot.autoconfigure.JteProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PagesTests {

	private final StaticMessageSource messages = new StaticMessageSource();

	@Test
	void aMissingMessageIsShownAsItsCodeRatherThanFailingThePage() {
		this.messages.addMessage("app.title", Locale.ENGLISH, "Remember my name");
		Page page = page(new MockHttpServletRequest("GET", "/"), Map.of());

		assertThat(page.message("app.title")).isEqualTo("Remember my name");
		assertThat(page.message("no.such.message")).isEqualTo("??no.such.message_en??");
		assertThat(page.messageOrNull("no.such.message")).isNull();
	}

	@Test
	void theNavigationMarksThePageShownUnderAContextPath() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/app/checkout/done");
		request.setContextPath("/app");
		Page page = page(request, Map.of());

		assertThat(page.url("/shop")).isEqualTo("/app/shop");
		assertThat(page.currentWithin("/checkout")).isEqualTo("page");
		assertThat(page.current("/checkout")).isNull();
		assertThat(page.currentWithin("/check")).isNull();
	}

	@Test
	void askingForTheErrorsOfAFormThePageDoesNotHaveFails() {
		Page page = page(new MockHttpServletRequest("GET", "/login"), Map.of("loginForm", new Object()));

		assertThat(page.errors("loginForm").has("name")).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> page.errors("loginFrom"))
			.withMessageContaining("loginFrom");
	}

	@Test
	void withoutTheCompiledTemplatesTheAppDoesNotStart() {
		new WebApplicationContextRunner()
			.withBean(TemplateEngine.class,
					() -> TemplateEngine.createPrecompiled(null, ContentType.Html, null, "no.templates.here"))
			.withBean(JteProperties.class)
			.withBean(ResourceUrlProvider.class)
			.withUserConfiguration(PagesAutoConfiguration.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("The compiled templates are missing"));
	}

	private Page page(MockHttpServletRequest request, Map<String, Object> model) {
		return new Page(request, this.messages, new ResourceUrlProvider(), Locale.ENGLISH, new HashMap<>(model));
	}

}
