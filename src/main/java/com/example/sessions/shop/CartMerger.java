package com.example.sessions.shop;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import com.example.sessions.store.SessionAttributeMerger;

/**
 * Two tabs changing the cart at the same moment both count: each request's change (how
 * many of each product it added or took out) is applied to what the other one stored.
 * Checking out applies as taking out what was ordered, so an item added meanwhile stays
 * in the cart.
 */
@Component
class CartMerger implements SessionAttributeMerger {

	@Override
	public String attribute() {
		return Cart.ATTRIBUTE;
	}

	@Override
	public @Nullable Object merge(@Nullable Object base, @Nullable Object mine, @Nullable Object theirs) {
		Map<String, Integer> merged = new LinkedHashMap<>(quantities(theirs));
		Map<String, Integer> before = quantities(base);
		Map<String, Integer> after = quantities(mine);
		for (String product : union(before, after)) {
			int change = after.getOrDefault(product, 0) - before.getOrDefault(product, 0);
			int quantity = Math.max(0, Math.min(Cart.MAX_QUANTITY, merged.getOrDefault(product, 0) + change));
			if (quantity > 0) {
				merged.put(product, quantity);
			}
			else {
				merged.remove(product);
			}
		}
		return merged.isEmpty() ? null : new Cart(merged);
	}

	private static Map<String, Integer> quantities(@Nullable Object cart) {
		return (cart instanceof Cart known) ? known.quantities() : Map.of();
	}

	private static Iterable<String> union(Map<String, Integer> before, Map<String, Integer> after) {
		Set<String> products = new LinkedHashSet<>(before.keySet());
		products.addAll(after.keySet());
		return products;
	}

}
