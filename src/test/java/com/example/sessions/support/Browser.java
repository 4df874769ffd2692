package com.example.sessions.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpClient.Redirect;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A minimal browser over real HTTP: keeps cookies like a browser does (and deletes them
 * when told to), never follows redirects by itself, and fills in the hidden CSRF field of
 * the forms it submits.
 */
public final class Browser {

	private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder().followRedirects(Redirect.NEVER).build();

	private final String baseUrl;

	// Tabs send requests from many threads at once, as a browser does: the jar is shared.
	private final Map<String, String> cookies = Collections.synchronizedMap(new LinkedHashMap<>());

	private final String authorization;

	public Browser(int port) {
		this("http://127.0.0.1:" + port, null);
	}

	private Browser(String baseUrl, String authorization) {
		this.baseUrl = baseUrl;
		this.authorization = authorization;
	}

	/**
	 * The same site, with HTTP Basic credentials on every request (and no cookies).
	 */
	public Browser withCredentials(String username, String password) {
		String credentials = username + ":" + password;
		return new Browser(this.baseUrl,
				"Basic " + java.util.Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
	}

	public Page get(String path) {
		return send(request(path).GET());
	}

	public Page delete(String path) {
		return send(request(path).DELETE());
	}

	public Page post(String path, Map<String, String> form) {
		String body = form.entrySet()
			.stream()
			.map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
		return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString(body)));
	}

	/**
	 * Loads the login form and submits it, as a person would.
	 */
	public Page login(String name) {
		Page form = get("/login");
		return post("/login", Map.of("_csrf", form.csrfToken(), "name", name));
	}

	/**
	 * Signs in with "Keep me signed in" ticked.
	 */
	public Page loginRemembered(String name) {
		Page form = get("/login");
		return post("/login", Map.of("_csrf", form.csrfToken(), "name", name, "rememberMe", "true"));
	}

	/**
	 * Presses "Sign out" on the home page.
	 */
	public Page logout() {
		Page home = get("/");
		return post("/logout", Map.of("_csrf", home.csrfToken()));
	}

	/**
	 * Another tab of the same browser: same cookies from now on (a copy of them).
	 */
	public Browser newTab() {
		Browser tab = new Browser(this.baseUrl, this.authorization);
		synchronized (this.cookies) {
			tab.cookies.putAll(this.cookies);
		}
		return tab;
	}

	public Optional<String> cookie(String name) {
		return Optional.ofNullable(this.cookies.get(name));
	}

	public void setCookie(String name, String value) {
		this.cookies.put(name, value);
	}

	public void forgetCookie(String name) {
		this.cookies.remove(name);
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
		if (this.authorization != null) {
			request.header("Authorization", this.authorization);
		}
		synchronized (this.cookies) {
			if (!this.cookies.isEmpty()) {
				request.header("Cookie",
						this.cookies.entrySet()
							.stream()
							.map((cookie) -> cookie.getKey() + "=" + cookie.getValue())
							.collect(Collectors.joining("; ")));
			}
		}
		return request;
	}

	private Page send(HttpRequest.Builder request) {
		try {
			var response = this.http.send(request.build(), BodyHandlers.ofString());
			Page page = new Page(response.statusCode(), response.headers(), response.body());
			page.setCookies().forEach(this::remember);
			return page;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private void remember(String setCookie) {
		String[] nameAndValue = setCookie.split(";", 2)[0].split("=", 2);
		String lower = setCookie.toLowerCase();
		boolean deleted = nameAndValue[1].isEmpty() || lower.contains("max-age=0")
				|| lower.contains("expires=thu, 01 jan 1970") || lower.contains("expires=thu, 1 jan 1970");
		if (deleted) {
			this.cookies.remove(nameAndValue[0]);
		}
		else {
			this.cookies.put(nameAndValue[0], nameAndValue[1]);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * One HTTP response.
	 */
	public record Page(int status, HttpHeaders headers, String body) {

		public String location() {
			return this.headers.firstValue("Location").orElse(null);
		}

		public List<String> setCookies() {
			return this.headers.allValues("Set-Cookie");
		}

		/**
		 * The whole {@code Set-Cookie} header for the named cookie, if this response set
		 * (or deleted) it.
		 */
		public Optional<String> setCookie(String name) {
			return setCookies().stream().filter((header) -> header.startsWith(name + "=")).findFirst();
		}

		public String csrfToken() {
			Matcher field = CSRF_FIELD.matcher(this.body);
			if (!field.find()) {
				throw new IllegalStateException("No CSRF field on this page (status " + this.status + ")");
			}
			return field.group(1);
		}

	}

}
