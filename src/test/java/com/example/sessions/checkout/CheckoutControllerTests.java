package com.example.sessions.checkout;

import java.util.Map;

import com.example.sessions.security.SecurityConfiguration;
import com.example.sessions.shop.Cart;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(CheckoutController.class)
@Import(SecurityConfiguration.class)
class CheckoutControllerTests {

	@Autowired
	MockMvc mvc;

	@Test
	void saveForLaterKeepsUnfinishedInputAndFillsItBackIn() throws Exception {
		MockHttpSession session = signedIn();

		this.mvc
			.perform(post("/checkout").param("action", "save")
				.param("fullName", "  Ada Lovelace ")
				.param("city", "London")
				.with(csrf())
				.session(session))
			.andExpect(redirectedUrl("/checkout?saved"));

		assertThat(session.getAttribute(Address.DRAFT)).isEqualTo(new Address("Ada Lovelace", "", "", "London"));
		this.mvc.perform(get("/checkout").session(session))
			.andExpect(content().string(containsString("value=\"Ada Lovelace\"")))
			.andExpect(content().string(containsString("value=\"London\"")));
	}

	@Test
	void addressValuesAreEscapedInTheFormAndOnTheOrder() throws Exception {
		MockHttpSession session = signedIn();
		session.setAttribute(Address.DRAFT, new Address("\"><script>alert(1)</script>", "", "", ""));
		session.setAttribute(Order.ATTRIBUTE,
				new Order("0A1B2C3D", 1, new java.math.BigDecimal("8.00"), "<b>Ada</b> \"&"));

		this.mvc.perform(get("/checkout").session(session))
			.andExpect(content().string(containsString("value=\"&#34;>&lt;script>alert(1)&lt;/script>\"")))
			.andExpect(content().string(not(containsString("<script>"))));
		this.mvc.perform(get("/checkout/done").session(session))
			.andExpect(content().string(containsString("&lt;b&gt;Ada&lt;/b&gt; \"&amp;")))
			.andExpect(content().string(not(containsString("<b>"))));
	}

	@Test
	void placingAnOrderNeedsEveryFieldAndKeepsTheCart() throws Exception {
		MockHttpSession session = signedIn();
		session.setAttribute(Cart.ATTRIBUTE, new Cart(Map.of("mug", 1)));

		this.mvc
			.perform(post("/checkout").param("action", "place").param("fullName", "Ada").with(csrf()).session(session))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("Please fill this in to place the order.")))
			.andExpect(content().string(containsString("value=\"Ada\"")));

		assertThat(session.getAttribute(Cart.ATTRIBUTE)).isNotNull();
		assertThat(session.getAttribute(Order.ATTRIBUTE)).isNull();
	}

	@Test
	void placingAnOrderEmptiesTheCartAndTheDraft() throws Exception {
		MockHttpSession session = signedIn();
		session.setAttribute(Cart.ATTRIBUTE, new Cart(Map.of("mug", 2)));
		session.setAttribute(Address.DRAFT, new Address("Ada", "", "", ""));

		this.mvc
			.perform(post("/checkout").param("action", "place")
				.param("fullName", "Ada Lovelace")
				.param("street", "12 St James's Square")
				.param("postcode", "SW1Y 4JH")
				.param("city", "London")
				.with(csrf())
				.session(session))
			.andExpect(redirectedUrl("/checkout/done"));

		assertThat(session.getAttribute(Cart.ATTRIBUTE)).as("empty, not none: see CheckoutController")
			.isEqualTo(Cart.empty());
		assertThat(session.getAttribute(Address.DRAFT)).isNull();
		this.mvc.perform(get("/checkout/done").session(session))
			.andExpect(content().string(containsString("Thank you, Ada Lovelace.")))
			.andExpect(content().string(containsString("2 items, €16.00")));
	}

	@Test
	void anEmptyCartCannotBeOrdered() throws Exception {
		this.mvc
			.perform(post("/checkout").param("action", "place")
				.param("fullName", "Ada")
				.param("street", "1 Main")
				.param("postcode", "1")
				.param("city", "X")
				.with(csrf())
				.session(signedIn()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("there is nothing to order")));
	}

	@Test
	void overlongOrControlCharacterInputIsRefusedAndNothingIsSaved() throws Exception {
		MockHttpSession session = signedIn();

		this.mvc
			.perform(post("/checkout").param("action", "save")
				.param("city", "x".repeat(1_000_000))
				.with(csrf())
				.session(session))
			.andExpect(status().isBadRequest());
		this.mvc
			.perform(post("/checkout").param("action", "save")
				.param("street", "Evil\u202Eroad")
				.with(csrf())
				.session(session))
			.andExpect(status().isBadRequest());

		assertThat(session.getAttribute(Address.DRAFT)).isNull();
	}

	@Test
	void anUnknownActionIsABadRequest() throws Exception {
		this.mvc.perform(post("/checkout").param("action", "ship-it").with(csrf()).session(signedIn()))
			.andExpect(status().isBadRequest());
	}

	private static MockHttpSession signedIn() {
		MockHttpSession session = new MockHttpSession();
		session.setAttribute("name", "Ada");
		return session;
	}

}
