// Not part of the application: the signed-in home page rendered by jte, a precompiled
// template engine, from home.jte beside this file, to measure a real engine against
// Thymeleaf and against the hand-made page one folder up (README, "Against the peers
// serving the same page"). It writes the same bytes as the Thymeleaf page for an English
// page and a name without a double quote (jte escapes it as &#34;). To build the jar it
// measures, in a copy of the repository (not here: the pom changes too):
//
//   mkdir -p src/main/jte && cp bench/ceiling/jte/home.jte src/main/jte/
//   cp bench/ceiling/jte/HomePage.java bench/ceiling/jte/HomePageView.java src/main/java/com/example/sessions/login/
//   # pom.xml: the dependency gg.jte:jte-runtime 3.2.5, and the plugin gg.jte:jte-maven-plugin
//   # 3.2.5 with <sourceDirectory>${basedir}/src/main/jte</sourceDirectory>,
//   # <contentType>Html</contentType> and the goal "generate" in the phase generate-sources
//   ./mvnw -q spring-javaformat:apply package -DskipTests && cp target/*.jar /tmp/jte.jar
//
// then run bench/ab.sh with the variants of the README's command.
package com.example.sessions.login;

import java.util.Locale;
import java.util.Map;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.context.MessageSource;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.support.RequestContextUtils;

import com.example.sessions.preferences.Preferences;
import com.example.sessions.shop.Cart;

/** Prototype: the home page rendered by a precompiled jte template. */
@Component("home")
class HomePageView implements View {

	private final MessageSource messages;

	private final TemplateEngine jte = TemplateEngine.createPrecompiled(ContentType.Html);

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
		Cart cart = (Cart) session.getAttribute(Cart.ATTRIBUTE);
		Preferences prefs = (Preferences) session.getAttribute(Preferences.ATTRIBUTE);
		Object visits = session.getAttribute("visits");
		CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
		HomePage page = new HomePage(this.messages, locale, locale.getLanguage(),
				(prefs != null && prefs.theme() != null) ? prefs.theme().cssName() : null,
				response.encodeURL(request.getContextPath() + "/assets/css/app.css"), (String) model.get("currentPath"),
				(cart != null) ? cart.count() : 0, csrf.getParameterName(), csrf.getToken(),
				session.getAttribute("name"), (visits != null) ? visits : 0);
		StringOutput out = new StringOutput(2048);
		this.jte.render("home.jte", page, out);
		response.setContentType(getContentType());
		response.setLocale(locale);
		response.getWriter().write(out.toString());
	}

}
