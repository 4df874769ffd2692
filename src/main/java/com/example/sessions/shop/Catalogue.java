package com.example.sessions.shop;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The fixed catalogue of the demo shop.
 */
final class Catalogue {

	static final List<Product> PRODUCTS = List.of(new Product("notebook", new BigDecimal("4.50")),
			new Product("pencil", new BigDecimal("0.80")), new Product("mug", new BigDecimal("8.00")),
			new Product("tote-bag", new BigDecimal("12.00")), new Product("stickers", new BigDecimal("2.50")),
			new Product("postcard", new BigDecimal("1.20")));

	private Catalogue() {
	}

	static Optional<Product> find(String id) {
		return PRODUCTS.stream().filter((product) -> product.id().equals(id)).findFirst();
	}

}
