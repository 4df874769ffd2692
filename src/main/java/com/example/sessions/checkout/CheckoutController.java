package com.example.sessions.checkout;

import java.security.SecureRandom;
import java.util.HexFormat;

import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.SessionAttribute;
import org.springframework.web.servlet.ModelAndView;

import com.example.sessions.shop.Cart;

/**
 * Checkout: an address form whose unfinished input is kept in the session ("Save for
 * later") and filled back in on return; placing the order needs every field and a cart
 * that is not empty.
 */
@Controller
class CheckoutController {

	static final String VIEW = "checkout";

	static final String DONE_VIEW = "checkout-done";

	private final SecureRandom random = new SecureRandom();

	/**
	 * The session's cart, for the page and the order. Never bound to the request: the
	 * form is the address, and binding would let a parameter such as
	 * {@code quantities[mug]} write into the cart.
	 */
	@ModelAttribute(name = "cart", binding = false)
	Cart cart(@SessionAttribute(name = Cart.ATTRIBUTE, required = false) Cart cart) {
		return (cart != null) ? cart : Cart.empty();
	}

	@GetMapping("/checkout")
	String initCheckoutForm(@SessionAttribute(name = Address.DRAFT, required = false) Address draft, Model model) {
		model.addAttribute("address", (draft != null) ? draft : Address.EMPTY);
		return VIEW;
	}

	@PostMapping(path = "/checkout", params = "action=save")
	ModelAndView saveForLater(@Valid @ModelAttribute("address") Address address, BindingResult result,
			HttpSession session) {
		if (result.hasErrors()) {
			return new ModelAndView(VIEW, HttpStatus.BAD_REQUEST);
		}
		session.setAttribute(Address.DRAFT, address);
		return new ModelAndView("redirect:/checkout?saved");
	}

	@PostMapping(path = "/checkout", params = "action=place")
	ModelAndView placeOrder(@Valid @ModelAttribute("address") Address address, BindingResult result,
			@ModelAttribute("cart") Cart cart, HttpSession session) {
		address.missing().forEach((field) -> result.rejectValue(field, "checkout.required"));
		if (cart.count() == 0) {
			result.reject("checkout.cart-empty");
		}
		if (result.hasErrors()) {
			return new ModelAndView(VIEW, HttpStatus.BAD_REQUEST);
		}
		session.setAttribute(Order.ATTRIBUTE, new Order(orderNumber(), cart.count(), cart.total(), address.fullName()));
		// An empty cart, not none: merged with another tab's change at that moment, an
		// order is told from taking out the last product, and refused if that tab took
		// out what it orders (shop/CartMerger).
		session.setAttribute(Cart.ATTRIBUTE, Cart.empty());
		session.removeAttribute(Address.DRAFT);
		return new ModelAndView("redirect:/checkout/done");
	}

	@GetMapping("/checkout/done")
	String showOrder(@SessionAttribute(name = Order.ATTRIBUTE, required = false) Order order, Model model) {
		if (order == null) {
			return "redirect:/checkout";
		}
		model.addAttribute("order", order);
		return DONE_VIEW;
	}

	private String orderNumber() {
		byte[] bytes = new byte[4];
		this.random.nextBytes(bytes);
		return HexFormat.of().withUpperCase().formatHex(bytes);
	}

}
