package com.example.sessions.shop;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import com.example.sessions.store.SessionAttributeMerger;
import com.example.sessions.store.SessionAttributeMerger.CannotMerge;

/**
 * Two tabs changing the cart at the same moment both count: each request's change (how
 * many of each product it added or took out) is applied to what the other one stored.
 * Checking out applies as taking out what was ordered, so an item added meanwhile stays
 * in the cart. A request cannot take out what the other one already took out: its other
 * changes may rest on the cart it loaded (an order holding a product the visitor has just
 * removed in another tab), so it is refused, unless both left the cart the same (two tabs
 * starting over, or taking out the same product), or an order emptied the cart and this
 * request takes everything out: then nothing is lost. An order leaves an empty cart where
 * taking out the last product leaves none, so the two never look the same.
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
			int quantity = Math.min(Cart.MAX_QUANTITY, merged.getOrDefault(product, 0) + change);
			if (quantity < 0) {
				if (Objects.equals(mine, theirs)) {
					return theirs;
				}
				if (mine == null && quantities(theirs).isEmpty()) {
					// An order emptied it; this request takes all out.
					return null;
				}
				throw new CannotMerge("'" + product + "' was taken out by another request");
			}
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
