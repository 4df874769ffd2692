package com.example.sessions.shop;

import java.math.BigDecimal;

/**
 * Something the shop sells. Its name is in the message bundles under
 * {@code shop.product.<id>}.
 */
public record Product(String id, BigDecimal price) {

	public String messageKey() {
		return "shop.product." + this.id;
	}

}
