package com.example.sessions.shop;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shopping cart, kept in the session (attribute {@value #ATTRIBUTE}): how many of
 * each product. Used as a value: every change makes a new cart, which the controller puts
 * back into the session, so the store writes it. Its map can be changed all the same (it
 * must be a {@link LinkedHashMap}, below), so no cart is shared between sessions and none
 * is bound to a request's parameters.
 *
 * @param quantities product id to quantity, in the order they were first added
 */
public record Cart(Map<String, Integer> quantities) {

	public static final String ATTRIBUTE = "cart";

	static final int MAX_QUANTITY = 9;

	public Cart {
		// A LinkedHashMap, never an immutable JDK map: the session's JSON only admits
		// well-known collection types.
		quantities = new LinkedHashMap<>(quantities);
	}

	/**
	 * A new empty cart, for a session without one: never one instance shared between
	 * sessions, whose map a request could change under every other.
	 */
	public static Cart empty() {
		return new Cart(Map.of());
	}

	Cart add(Product product) {
		Map<String, Integer> changed = new LinkedHashMap<>(this.quantities);
		changed.merge(product.id(), 1, (old, one) -> Math.min(old + one, MAX_QUANTITY));
		return new Cart(changed);
	}

	Cart remove(Product product) {
		Map<String, Integer> changed = new LinkedHashMap<>(this.quantities);
		changed.computeIfPresent(product.id(), (id, quantity) -> (quantity > 1) ? quantity - 1 : null);
		return new Cart(changed);
	}

	/**
	 * How many items in all, for the header.
	 */
	public int count() {
		return this.quantities.values().stream().mapToInt(Integer::intValue).sum();
	}

	public List<Line> lines() {
		return this.quantities.entrySet()
			.stream()
			.flatMap((entry) -> Catalogue.find(entry.getKey())
				.map((product) -> new Line(product, entry.getValue()))
				.stream())
			.toList();
	}

	public BigDecimal total() {
		return lines().stream().map(Line::subtotal).reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	/**
	 * One product in the cart.
	 */
	public record Line(Product product, int quantity) {

		public BigDecimal subtotal() {
			return this.product.price().multiply(BigDecimal.valueOf(this.quantity));
		}

	}

}
