package com.example.sessions.checkout;

import java.math.BigDecimal;

/**
 * The order just placed, kept in the session (attribute {@value #ATTRIBUTE}) for the
 * confirmation page.
 */
public record Order(String number, int items, BigDecimal total, String fullName) {

	public static final String ATTRIBUTE = "lastOrder";

}
