package com.example.sessions.pages;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.validation.BindingResult;

/**
 * A form's validation errors as the visitor reads them: each in their language. A form
 * that was not validated (shown for the first time) has none.
 */
public final class FormErrors {

	private final @Nullable BindingResult result;

	private final MessageSource messages;

	private final Locale locale;

	FormErrors(@Nullable BindingResult result, MessageSource messages, Locale locale) {
		this.result = result;
		this.messages = messages;
		this.locale = locale;
	}

	public boolean has(String field) {
		return this.result != null && this.result.hasFieldErrors(field);
	}

	public List<String> of(String field) {
		return (this.result != null) ? text(this.result.getFieldErrors(field)) : List.of();
	}

	/**
	 * Errors about the form as a whole, such as an empty cart at checkout.
	 */
	public List<String> global() {
		return (this.result != null) ? text(this.result.getGlobalErrors()) : List.of();
	}

	private List<String> text(List<? extends MessageSourceResolvable> errors) {
		return errors.stream().map((error) -> this.messages.getMessage(error, this.locale)).toList();
	}

}
