package com.example.sessions.login;

import com.example.sessions.security.SecurityConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(HomeController.class)
@Import(SecurityConfiguration.class)
class HomeControllerTests {

	@Autowired
	MockMvc mvc;

	@Test
	void anonymousVisitorIsSentToTheLoginForm() throws Exception {
		this.mvc.perform(get("/")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
	}

	@Test
	void signedInVisitorSeesTheirNameAndASignOutButton() throws Exception {
		this.mvc.perform(get("/").session(signedIn("Alice")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("You are registered as Alice.")))
			.andExpect(content().string(containsString("action=\"/logout\"")))
			.andExpect(content().string(containsString("name=\"_csrf\"")));
	}

	@Test
	void nameIsEscaped() throws Exception {
		this.mvc.perform(get("/").session(signedIn("<script>alert(1)</script>")))
			.andExpect(content().string(containsString("&lt;script&gt;alert(1)&lt;/script&gt;")))
			.andExpect(content().string(not(containsString("<script>alert"))));
	}

	@Test
	void signedInPageIsNotCachedAndCarriesSecurityHeaders() throws Exception {
		this.mvc.perform(get("/").session(signedIn("Alice")))
			.andExpect(header().string("Cache-Control", containsString("no-store")))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andExpect(header().string("Referrer-Policy", "same-origin"))
			.andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")))
			.andExpect(header().string("Content-Security-Policy", not(containsString("unsafe-inline"))));
	}

	private static MockHttpSession signedIn(String name) {
		MockHttpSession session = new MockHttpSession();
		session.setAttribute("name", name);
		return session;
	}

}
