package com.example.sessions.checkout;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The checkout form: where to send the order. Kept in the session as a draft (attribute
 * {@value #DRAFT}) whenever the visitor saves it for later, complete or not, and filled
 * back in when they return.
 */
public record Address(
		@Size(max = 80, message = "{checkout.too-long}") @Pattern(regexp = PRINTABLE,
				message = "{checkout.invalid}") String fullName,
		@Size(max = 120, message = "{checkout.too-long}") @Pattern(regexp = PRINTABLE,
				message = "{checkout.invalid}") String street,
		@Size(max = 12, message = "{checkout.too-long}") @Pattern(regexp = PRINTABLE,
				message = "{checkout.invalid}") String postcode,
		@Size(max = 80, message = "{checkout.too-long}") @Pattern(regexp = PRINTABLE,
				message = "{checkout.invalid}") String city) {

	public static final String DRAFT = "checkoutDraft";

	static final String PRINTABLE = "[^\\p{Cc}\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069\\u2028\\u2029]*";

	static final Address EMPTY = new Address("", "", "", "");

	public Address {
		fullName = strip(fullName);
		street = strip(street);
		postcode = strip(postcode);
		city = strip(city);
	}

	/**
	 * The fields still empty: an order needs all of them.
	 */
	List<String> missing() {
		List<String> missing = new ArrayList<>();
		addIfEmpty(missing, "fullName", this.fullName);
		addIfEmpty(missing, "street", this.street);
		addIfEmpty(missing, "postcode", this.postcode);
		addIfEmpty(missing, "city", this.city);
		return missing;
	}

	private static void addIfEmpty(List<String> missing, String field, String value) {
		if (value.isEmpty()) {
			missing.add(field);
		}
	}

	private static String strip(String value) {
		return (value != null) ? value.strip() : "";
	}

}
