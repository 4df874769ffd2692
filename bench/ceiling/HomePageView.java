// Not part of the application: the signed-in home page written by hand as a Spring MVC
// View, to measure what a precompiled template engine could gain at most (README,
// "Against the peers serving the same page"). It writes the same bytes as
// templates/home.html in templates/layout.html for an English page (other languages'
// accented letters are escaped differently). To build the jar it measures (the copy is
// taken out again whatever happens: left in, it would serve every home page):
//
//   cp bench/ceiling/HomePageView.java src/main/java/com/example/sessions/login/ &&
//     (./mvnw -q spring-javaformat:apply package -DskipTests && cp target/*.jar /tmp/ceiling.jar);
//   rm src/main/java/com/example/sessions/login/HomePageView.java
//
// then run bench/ab.sh with the variants "memory@25 jar=/tmp/ceiling.jar" and
// "redis@25 jar=/tmp/ceiling.jar" beside "memory@25" and "redis@25".
package com.example.sessions.login;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.context.MessageSource;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.util.HtmlUtils;

import com.example.sessions.preferences.Preferences;
import com.example.sessions.shop.Cart;

/** Ceiling prototype: the home page written by hand, as a compiled template would. */
@Component("home")
class HomePageView implements View {

	private final MessageSource messages;

	HomePageView(MessageSource messages) {
		this.messages = messages;
	}

	@Override
	public String getContentType() {
		return "text/html;charset=UTF-8";
	}

	@Override
	public void render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
			throws Exception {
		Locale locale = RequestContextUtils.getLocale(request);
		HttpSession session = request.getSession(false);
		Object name = session.getAttribute("name");
		Object visits = session.getAttribute("visits");
		Cart cart = (Cart) session.getAttribute(Cart.ATTRIBUTE);
		Preferences prefs = (Preferences) session.getAttribute(Preferences.ATTRIBUTE);
		int items = (cart != null) ? cart.count() : 0;
		String path = (String) model.get("currentPath");
		CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
		response.setContentType(getContentType());
		response.setLocale(locale);
		StringBuilder b = new StringBuilder(2048);
		b.append("<!DOCTYPE html>\n<html lang=\"").append(locale.getLanguage()).append('"');
		if (prefs != null && prefs.theme() != null) {
			b.append(" data-theme=\"").append(HtmlUtils.htmlEscape(prefs.theme().cssName())).append('"');
		}
		b.append(
				">\n<head>\n\t<meta charset=\"UTF-8\">\n\t<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\t<meta name=\"color-scheme\" content=\"light dark\">\n\t<title>")
			.append(e("home.title", locale))
			.append(" · ")
			.append(e("app.title", locale))
			.append("</title>\n\t<link rel=\"stylesheet\" href=\"")
			.append(HtmlUtils.htmlEscape(response.encodeURL(request.getContextPath() + "/assets/css/app.css")))
			.append("\">\n</head>\n<body>\n\t<a class=\"skip-link\" href=\"#main\">")
			.append(e("layout.skip", locale))
			.append("</a>\n\t<header class=\"masthead\">\n\t\t<a class=\"brand\" href=\"/\">")
			.append(e("app.title", locale))
			.append("</a>\n\t\t\n\t\t<nav aria-label=\"")
			.append(e("nav.label", locale))
			.append("\">\n\t\t\t<ul>\n")
			.append("\t\t\t\t<li><a href=\"/\"")
			.append(current("/".equals(path)))
			.append('>')
			.append(e("nav.home", locale))
			.append("</a></li>\n\t\t\t\t<li><a href=\"/shop\"")
			.append(current("/shop".equals(path)))
			.append(">\n\t\t\t\t\t<span>")
			.append(e("nav.shop", locale))
			.append("</span>\n\t\t\t\t\t<span class=\"badge\" title=\"");
		String count = e("nav.cart-count", locale, items);
		b.append(count)
			.append("\" aria-label=\"")
			.append(count)
			.append("\">")
			.append(items)
			.append("</span></a></li>\n\t\t\t\t<li><a href=\"/checkout\"")
			.append(current(path != null && path.startsWith("/checkout")))
			.append('>')
			.append(e("nav.checkout", locale))
			.append("</a></li>\n\t\t\t\t<li><a href=\"/preferences\"")
			.append(current("/preferences".equals(path)))
			.append('>')
			.append(e("nav.preferences", locale))
			.append("</a></li>\n\t\t\t\t<li><a href=\"/session\"")
			.append(current("/session".equals(path)))
			.append('>')
			.append(e("nav.session", locale))
			.append("</a></li>\n\t\t\t</ul>\n\t\t\t<form class=\"inline\" action=\"/logout\" method=\"post\"><input type=\"hidden\" name=\"")
			.append(csrf.getParameterName())
			.append("\" value=\"")
			.append(HtmlUtils.htmlEscape(csrf.getToken()))
			.append("\"/>\n\t\t\t\t<button type=\"submit\" class=\"button secondary small\">")
			.append(e("nav.sign-out", locale))
			.append("</button>\n\t\t\t</form>\n\t\t</nav>\n\t</header>\n\t<main id=\"main\" class=\"card\">\n\t\t<h1>")
			.append(e("home.title", locale))
			.append("</h1>\n\t\t\n\t\t<p class=\"greeting\">")
			.append(e("home.registered", locale, name))
			.append("</p>\n\t\t<p class=\"visits\">")
			.append(e("home.visits", locale, (visits != null) ? visits : 0))
			.append("</p>\n\t\t<ul class=\"links\">\n\t\t\t<li><a href=\"/shop\">")
			.append(e("home.go-shop", locale))
			.append("</a></li>\n\t\t\t<li><a href=\"/preferences\">")
			.append(e("home.go-preferences", locale))
			.append("</a></li>\n\t\t\t<li><a href=\"/session\">")
			.append(e("home.go-session", locale))
			.append("</a></li>\n\t\t</ul>\n\t</main>\n\t<footer class=\"footnote\">")
			.append(e("app.tagline", locale))
			.append("</footer>\n</body>\n</html>\n");
		PrintWriter out = response.getWriter();
		out.write(b.toString());
	}

	private static String current(boolean current) {
		return current ? " aria-current=\"page\"" : "";
	}

	private String e(String code, Locale locale, Object... args) {
		return HtmlUtils.htmlEscape(this.messages.getMessage(code, args, locale));
	}

}
