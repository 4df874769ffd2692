package com.example.sessions.login;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

/**
 * The name a visitor signs in with, trimmed of surrounding white space. Public: the
 * template ({@code login.jte}) reads it.
 *
 * @param name 1 to 64 characters, no control characters and no bidirectional overrides
 * (they would let a name rearrange the text shown around it)
 * @param rememberMe the checkbox: {@code "true"} when the session is to outlive the
 * browser (see {@link RememberMe}); a string, so that no input fails before validation
 */
public record LoginForm(@NotEmpty(message = "{login.name.required}") @Size(max = LoginForm.MAX_LENGTH,
		message = "{login.name.too-long}") @Pattern(regexp = LoginForm.PRINTABLE,
				message = "{login.name.invalid}") String name,
		@Nullable String rememberMe) {

	static final int MAX_LENGTH = 64;

	static final String PRINTABLE = "[^\\p{Cc}\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069\\u2028\\u2029]*";

	public LoginForm {
		name = (name != null) ? name.strip() : "";
	}

	/**
	 * The name to put back into the form after a refusal: an over-long one (which no
	 * browser sends, the field has a maxlength) is not echoed back. Public: the template
	 * calls it.
	 */
	public String nameToRedisplay() {
		return (this.name.length() <= MAX_LENGTH) ? this.name : "";
	}

	/**
	 * Public: the template calls it.
	 */
	public boolean remembered() {
		return "true".equals(this.rememberMe);
	}

	static LoginForm empty() {
		return new LoginForm("", null);
	}

}
