package com.example.sessions.login;

import com.example.sessions.security.SecurityConfiguration;
import jakarta.servlet.http.HttpSession;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@WebMvcTest(LoginController.class)
@Import({ SecurityConfiguration.class, LoginControllerTests.KeptPreferences.class })
class LoginControllerTests {

	/**
	 * What the preferences feature contributes in the whole application.
	 */
	@org.springframework.boot.test.context.TestConfiguration(proxyBeanMethods = false)
	static class KeptPreferences {

		@org.springframework.context.annotation.Bean
		KeptAcrossSignIn keptPreferences() {
			return () -> java.util.Set.of("preferences");
		}

	}

	@Autowired
	MockMvc mvc;

	@Test
	void initLoginFormShowsTheNameFieldAndACsrfToken() throws Exception {
		this.mvc.perform(get("/login"))
			.andExpect(status().isOk())
			.andExpect(view().name(LoginController.VIEW))
			.andExpect(content().string(containsString("name=\"name\"")))
			.andExpect(content().string(containsString("name=\"_csrf\"")));
	}

	@Test
	void processLoginFormStoresTheTrimmedNameAndRedirectsHome() throws Exception {
		MvcResult result = this.mvc.perform(post("/login").param("name", "  Alice  ").with(csrf()))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/"))
			.andReturn();

		MockHttpSession session = (MockHttpSession) result.getRequest().getSession(false);
		assertThat(session).isNotNull();
		assertThat(session.getAttribute("name")).isEqualTo("Alice");
		assertThat(session.getAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME)).isNull();
	}

	/**
	 * While instances of a version before the name was stored once still serve, they find
	 * sessions by the copy (README "Upgrading").
	 */
	@Nested
	@TestPropertySource(properties = "app.login.copy-name-for-earlier-versions=true")
	class WhileEarlierVersionsServe {

		@Autowired
		MockMvc mvc;

		@Test
		void signingInAlsoStoresTheNameWhereEarlierVersionsLookForIt() throws Exception {
			MvcResult result = this.mvc.perform(post("/login").param("name", "Alice").with(csrf()))
				.andExpect(redirectedUrl("/"))
				.andReturn();

			HttpSession session = result.getRequest().getSession(false);
			assertThat(session.getAttribute("name")).isEqualTo("Alice");
			assertThat(session.getAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME))
				.isEqualTo("Alice");
		}

	}

	@Test
	void rememberMeKeepsTheSessionForTheRememberMeLifetime() throws Exception {
		MvcResult result = this.mvc
			.perform(post("/login").param("name", "Ada").param("rememberMe", "true").with(csrf()))
			.andExpect(redirectedUrl("/"))
			.andReturn();

		assertThat(result.getRequest().getSession(false).getMaxInactiveInterval()).isEqualTo(14 * 24 * 60 * 60);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "false", "maybe", "<script>" })
	void anyOtherRememberMeValueMeansABrowserSession(String value) throws Exception {
		MvcResult result = this.mvc.perform(post("/login").param("name", "Ada").param("rememberMe", value).with(csrf()))
			.andExpect(redirectedUrl("/"))
			.andReturn();

		assertThat(result.getRequest().getSession(false).getMaxInactiveInterval()).isEqualTo(30 * 60);
	}

	@Test
	void initLoginFormOffersToRememberTheVisitor() throws Exception {
		this.mvc.perform(get("/login"))
			.andExpect(content().string(containsString("type=\"checkbox\"")))
			.andExpect(content().string(containsString("Keep me signed in on this device for 14 days")));
	}

	@Test
	void processLoginFormReplacesAnExistingSessionKeepingOnlyThePreferences() throws Exception {
		MockHttpSession previous = new MockHttpSession();
		previous.setAttribute("name", "Alice");
		previous.setAttribute("cart", "Alice's cart");
		previous.setAttribute("preferences", "dark, in German");

		MvcResult result = this.mvc.perform(post("/login").session(previous).param("name", "Bob").with(csrf()))
			.andExpect(redirectedUrl("/"))
			.andReturn();

		assertThat(previous.isInvalid()).isTrue();
		HttpSession session = result.getRequest().getSession(false);
		assertThat(session.getId()).isNotEqualTo(previous.getId());
		assertThat(session.getAttribute("name")).isEqualTo("Bob");
		assertThat(session.getAttribute("cart")).isNull();
		assertThat(session.getAttribute("preferences")).isEqualTo("dark, in German");
	}

	@ParameterizedTest
	@ValueSource(strings = { "a", "Zoë", "李小龍", "O'Brien", "Jean-Luc Picard", "👩‍🚀 Astro",
			"1234567890123456789012345678901234567890123456789012345678901234" })
	void processLoginFormAcceptsPrintableNamesUpTo64Characters(String name) throws Exception {
		MvcResult result = this.mvc.perform(post("/login").param("name", name).with(csrf()))
			.andExpect(redirectedUrl("/"))
			.andReturn();

		assertThat(result.getRequest().getSession(false).getAttribute("name")).isEqualTo(name);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "\t\n", "Al\u0000ice", "Al\nice", "Al\u001Bice", "\u202Eecila", "Al\u2066ice",
			"12345678901234567890123456789012345678901234567890123456789012345" })
	void processLoginFormHasErrors(String name) throws Exception {
		MvcResult result = this.mvc.perform(post("/login").param("name", name).with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(view().name(LoginController.VIEW))
			.andExpect(model().attributeHasFieldErrors("loginForm", "name"))
			.andExpect(content().string(containsString("role=\"alert\"")))
			.andReturn();

		assertThat(result.getRequest().getSession(false)).isNull();
	}

	@Test
	void processLoginFormExplainsEachError() throws Exception {
		expectMessage("", "Please enter your name.");
		expectMessage("x".repeat(65), "Please use at most 64 characters.");
		expectMessage("Al\u0007ice", "Please remove control characters and text-direction marks from your name.");
	}

	@Test
	void processLoginFormRefusesAMegabyteNameWithoutEchoingIt() throws Exception {
		String huge = "A".repeat(1024 * 1024);

		MvcResult result = this.mvc.perform(post("/login").param("name", huge).with(csrf()))
			.andExpect(status().isBadRequest())
			.andReturn();

		assertThat(result.getResponse().getContentAsString()).hasSizeLessThan(16 * 1024);
	}

	@Test
	void processLoginFormWithoutCsrfTokenIsForbidden() throws Exception {
		MockHttpSession session = new MockHttpSession();

		this.mvc.perform(post("/login").session(session).param("name", "Mallory")).andExpect(status().isForbidden());

		assertThat(session.getAttribute("name")).isNull();
	}

	@Test
	void logoutInvalidatesTheSession() throws Exception {
		MockHttpSession session = signedIn("Alice");

		this.mvc.perform(post("/logout").session(session).with(csrf()))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/login"));

		assertThat(session.isInvalid()).isTrue();
	}

	@Test
	void logoutWithoutCsrfTokenIsForbiddenAndKeepsTheSession() throws Exception {
		MockHttpSession session = signedIn("Alice");

		this.mvc.perform(post("/logout").session(session)).andExpect(status().isForbidden());

		assertThat(session.isInvalid()).isFalse();
		assertThat(session.getAttribute("name")).isEqualTo("Alice");
	}

	@Test
	void logoutByGetIsNotAllowedAndKeepsTheSession() throws Exception {
		MockHttpSession session = signedIn("Alice");

		this.mvc.perform(get("/logout").session(session)).andExpect(status().isMethodNotAllowed());

		assertThat(session.isInvalid()).isFalse();
	}

	private void expectMessage(String name, String message) throws Exception {
		this.mvc.perform(post("/login").param("name", name).with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString(message)));
	}

	private static MockHttpSession signedIn(String name) {
		MockHttpSession session = new MockHttpSession();
		session.setAttribute("name", name);
		return session;
	}

}
