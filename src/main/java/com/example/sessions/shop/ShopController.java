package com.example.sessions.shop;

import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.SessionAttribute;
import org.springframework.web.server.ResponseStatusException;

@Controller
class ShopController {

	static final String VIEW = "shop";

	@GetMapping("/shop")
	String showShop(@SessionAttribute(name = Cart.ATTRIBUTE, required = false) Cart cart, Model model) {
		model.addAttribute("products", Catalogue.PRODUCTS);
		model.addAttribute("cart", (cart != null) ? cart : Cart.empty());
		return VIEW;
	}

	@PostMapping("/shop/add")
	String addToCart(@RequestParam String product, HttpSession session) {
		session.setAttribute(Cart.ATTRIBUTE, cartOf(session).add(product(product)));
		return "redirect:/shop";
	}

	@PostMapping("/shop/remove")
	String removeFromCart(@RequestParam String product, HttpSession session) {
		Cart cart = cartOf(session).remove(product(product));
		if (cart.count() == 0) {
			session.removeAttribute(Cart.ATTRIBUTE);
		}
		else {
			session.setAttribute(Cart.ATTRIBUTE, cart);
		}
		return "redirect:/shop";
	}

	private static Cart cartOf(HttpSession session) {
		return (session.getAttribute(Cart.ATTRIBUTE) instanceof Cart cart) ? cart : Cart.empty();
	}

	private static Product product(String id) {
		return Catalogue.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST));
	}

}
