package com.example.sessions.shop;

import java.util.Map;

import com.example.sessions.security.SecurityConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(ShopController.class)
@Import(SecurityConfiguration.class)
class ShopControllerTests {

	@Autowired
	MockMvc mvc;

	@Test
	void visitorsWhoAreNotSignedInAreSentToSignIn() throws Exception {
		this.mvc.perform(get("/shop")).andExpect(redirectedUrl("/login"));
		this.mvc.perform(post("/shop/add").param("product", "mug").with(csrf())).andExpect(redirectedUrl("/login"));
	}

	@Test
	void addingPutsANewCartIntoTheSession() throws Exception {
		MockHttpSession session = signedIn();

		this.mvc.perform(post("/shop/add").param("product", "mug").with(csrf()).session(session))
			.andExpect(redirectedUrl("/shop"));
		this.mvc.perform(post("/shop/add").param("product", "mug").with(csrf()).session(session));

		assertThat(session.getAttribute(Cart.ATTRIBUTE)).isEqualTo(new Cart(Map.of("mug", 2)));
		this.mvc.perform(get("/shop").session(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("2 items in the cart")))
			.andExpect(content().string(containsString("€16.00")));
	}

	@Test
	void removingTheLastOneEmptiesTheCart() throws Exception {
		MockHttpSession session = signedIn();
		session.setAttribute(Cart.ATTRIBUTE, new Cart(Map.of("pencil", 1)));

		this.mvc.perform(post("/shop/remove").param("product", "pencil").with(csrf()).session(session))
			.andExpect(redirectedUrl("/shop"));

		assertThat(session.getAttribute(Cart.ATTRIBUTE)).isNull();
	}

	@Test
	void quantitiesStopAtNine() throws Exception {
		MockHttpSession session = signedIn();
		for (int i = 0; i < 12; i++) {
			this.mvc.perform(post("/shop/add").param("product", "stickers").with(csrf()).session(session));
		}

		assertThat(((Cart) session.getAttribute(Cart.ATTRIBUTE)).count()).isEqualTo(9);
	}

	@Test
	void unknownOrMissingProductsAreRefusedAndChangeNothing() throws Exception {
		MockHttpSession session = signedIn();

		this.mvc.perform(post("/shop/add").param("product", "<script>").with(csrf()).session(session))
			.andExpect(status().isBadRequest());
		this.mvc.perform(post("/shop/add").with(csrf()).session(session)).andExpect(status().isBadRequest());

		assertThat(session.getAttribute(Cart.ATTRIBUTE)).isNull();
	}

	@Test
	void addingWithoutCsrfTokenIsForbidden() throws Exception {
		MockHttpSession session = signedIn();

		this.mvc.perform(post("/shop/add").param("product", "mug").session(session)).andExpect(status().isForbidden());

		assertThat(session.getAttribute(Cart.ATTRIBUTE)).isNull();
	}

	private static MockHttpSession signedIn() {
		MockHttpSession session = new MockHttpSession();
		session.setAttribute("name", "Ada");
		return session;
	}

}
