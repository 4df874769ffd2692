package com.example.sessions.pages;

import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.validation.BindingResult;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

import com.example.sessions.login.SignedIn;
import com.example.sessions.preferences.Preferences;
import com.example.sessions.shop.Cart;

/**
 * What every template reads besides its own model: messages in the visitor's language,
 * links, the CSRF token for its forms, and what the shared layout shows from the session
 * (the theme, the navigation, the cart's badge). Made by {@link PageView} as a page is
 * rendered, so a request that redirects reads none of it.
 * <p>
 * Everything a template writes with {@code ${...}} is escaped by jte, messages included.
 */
public final class Page {

	private static final Log logger = LogFactory.getLog(Page.class);

	private static final String STYLESHEET = "/assets/css/app.css";

	private final HttpServletRequest request;

	private final MessageSource messages;

	private final ResourceUrlProvider assets;

	private final Locale locale;

	private final Map<String, Object> model;

	private final @Nullable HttpSession session;

	Page(HttpServletRequest request, MessageSource messages, ResourceUrlProvider assets, Locale locale,
			Map<String, Object> model) {
		this.request = request;
		this.messages = messages;
		this.assets = assets;
		this.locale = locale;
		this.model = model;
		this.session = request.getSession(false);
	}

	/**
	 * The message in the visitor's language. One missing from the message files is shown
	 * as {@code ??code_locale??} (and logged as a warning) rather than failing the page.
	 */
	public String message(String code, Object... arguments) {
		String message = this.messages.getMessage(code, arguments, null, this.locale);
		if (message == null) {
			logger.warn("No message '" + code + "' for " + this.locale);
			return "??" + code + "_" + this.locale + "??";
		}
		return message;
	}

	/**
	 * The message, or {@code null} where there is none (the error page: a message for
	 * some statuses only).
	 */
	public @Nullable String messageOrNull(String code) {
		return this.messages.getMessage(code, null, null, this.locale);
	}

	public String language() {
		return this.locale.getLanguage();
	}

	/**
	 * The theme the visitor picked, or {@code null} (the attribute is then left out) to
	 * follow the device.
	 */
	public @Nullable String theme() {
		Preferences preferences = sessionAttribute(Preferences.ATTRIBUTE, Preferences.class);
		return (preferences != null && preferences.theme() != null) ? preferences.theme().cssName() : null;
	}

	/**
	 * A link to a path of this app, under its context path.
	 */
	public String url(String path) {
		return this.request.getContextPath() + path;
	}

	/**
	 * The stylesheet's URL, with a hash of its content in the name: browsers keep it for
	 * a year, and fetch it again as soon as it changes.
	 */
	public String stylesheet() {
		String versioned = this.assets.getForLookupPath(STYLESHEET);
		return url((versioned != null) ? versioned : STYLESHEET);
	}

	/**
	 * {@code "page"} for the navigation link of the page shown (for
	 * {@code aria-current}), otherwise {@code null}: the attribute is left out.
	 */
	public @Nullable String current(String path) {
		return path.equals(shownPath()) ? "page" : null;
	}

	/**
	 * The same for a link that stands for the pages under it too (checkout: its form and
	 * its confirmation).
	 */
	public @Nullable String currentWithin(String path) {
		String shown = shownPath();
		return (shown.equals(path) || shown.startsWith(path + "/")) ? "page" : null;
	}

	private String shownPath() {
		return this.request.getRequestURI().substring(this.request.getContextPath().length());
	}

	public boolean signedIn() {
		return sessionAttribute(SignedIn.NAME, String.class) != null;
	}

	public int cartItems() {
		Cart cart = sessionAttribute(Cart.ATTRIBUTE, Cart.class);
		return (cart != null) ? cart.count() : 0;
	}

	/**
	 * The token every form that posts must carry (Spring Security turns the form away
	 * without it): a new masking of it on every page; {@code null} on a path Spring
	 * Security does not cover.
	 */
	public @Nullable CsrfToken csrf() {
		return (CsrfToken) this.request.getAttribute(CsrfToken.class.getName());
	}

	public boolean hasParameter(String name) {
		return this.request.getParameter(name) != null;
	}

	/**
	 * A request attribute, for what a filter leaves for the error page (the 409 page's
	 * link back: {@code store/SessionConflictFilter.RETURN_TO}).
	 */
	public @Nullable Object requestAttribute(String name) {
		return this.request.getAttribute(name);
	}

	/**
	 * What validation said about the form held in the model under this name (none for a
	 * form shown for the first time).
	 */
	public FormErrors errors(String form) {
		if (!this.model.containsKey(form)) {
			throw new IllegalArgumentException("No form '" + form + "' in the model: " + this.model.keySet());
		}
		return new FormErrors((BindingResult) this.model.get(BindingResult.MODEL_KEY_PREFIX + form), this.messages,
				this.locale);
	}

	private <T> @Nullable T sessionAttribute(String name, Class<T> type) {
		Object value = (this.session != null) ? this.session.getAttribute(name) : null;
		return type.isInstance(value) ? type.cast(value) : null;
	}

}
