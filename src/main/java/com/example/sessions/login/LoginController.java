package com.example.sessions.login;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.session.autoconfigure.SessionTimeout;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.session.MapSession;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;

import com.example.sessions.store.SessionMetrics;

@Controller
class LoginController {

	static final String VIEW = "login";

	private final CsrfTokenRepository csrfTokens;

	private final RememberMe rememberMe;

	private final ObjectProvider<SessionMetrics> metrics;

	private final Duration idleTimeout;

	private final Set<String> keptAcrossSignIn;

	private final List<StartedAtSignIn> startedAtSignIn;

	private final boolean copyNameForEarlierVersions;

	LoginController(CsrfTokenRepository csrfTokens, RememberMe rememberMe,
			ObjectProvider<SessionTimeout> sessionTimeout, ObjectProvider<SessionMetrics> metrics,
			ObjectProvider<KeptAcrossSignIn> keptAcrossSignIn, ObjectProvider<StartedAtSignIn> startedAtSignIn,
			LoginSettings settings) {
		this.copyNameForEarlierVersions = settings.copyNameForEarlierVersions();
		this.startedAtSignIn = startedAtSignIn.orderedStream().toList();
		this.keptAcrossSignIn = keptAcrossSignIn.stream()
			.flatMap((kept) -> kept.attributes().stream())
			.collect(Collectors.toUnmodifiableSet());
		this.metrics = metrics;
		this.csrfTokens = csrfTokens;
		this.rememberMe = rememberMe;
		SessionTimeout configured = sessionTimeout.getIfAvailable();
		this.idleTimeout = (configured != null && configured.getTimeout() != null) ? configured.getTimeout()
				: MapSession.DEFAULT_MAX_INACTIVE_INTERVAL;
	}

	@ModelAttribute("rememberMeDays")
	long rememberMeDays() {
		return this.rememberMe.days();
	}

	@ModelAttribute("idleMinutes")
	long idleMinutes() {
		return this.idleTimeout.toMinutes();
	}

	@GetMapping("/login")
	String initLoginForm(Model model) {
		model.addAttribute("loginForm", LoginForm.empty());
		return VIEW;
	}

	@PostMapping("/login")
	ModelAndView processLoginForm(@Valid LoginForm loginForm, BindingResult result, HttpServletRequest request,
			HttpServletResponse response) {
		if (result.hasErrors()) {
			return new ModelAndView(VIEW, HttpStatus.BAD_REQUEST);
		}
		HttpSession session = freshSession(request);
		// A CSRF token seen before signing in must be useless after it. Its successor
		// comes with this answer: left to the next page, pages loaded at once (several
		// tabs) would each make one, and the forms of all but the last would be refused.
		this.csrfTokens.saveToken(this.csrfTokens.generateToken(request), request, response);
		session.setAttribute(SignedIn.NAME, loginForm.name());
		if (this.copyNameForEarlierVersions) {
			// Instances of an earlier version, still serving, find sessions by this copy.
			session.setAttribute(SignedIn.NAME_FOR_EARLIER_VERSIONS, loginForm.name());
		}
		// Each sign-in decides afresh between a browser session and a remembered one.
		Duration timeout = loginForm.remembered() ? this.rememberMe.lifetime() : this.idleTimeout;
		session.setMaxInactiveInterval((int) timeout.toSeconds());
		if (loginForm.remembered()) {
			request.setAttribute(RememberMe.COOKIE_LIFETIME, this.rememberMe.lifetime());
		}
		return new ModelAndView("redirect:/");
	}

	/**
	 * Signing in always starts a new session, under a new id: the previous one (another
	 * person's, on a shared computer) is deleted from the store, and only what
	 * {@link KeptAcrossSignIn} names comes along, beside what {@link StartedAtSignIn}
	 * starts every session with.
	 */
	private HttpSession freshSession(HttpServletRequest request) {
		HttpSession previous = request.getSession(false);
		Map<String, Object> kept = new HashMap<>();
		if (previous != null) {
			for (String name : this.keptAcrossSignIn) {
				Object value = previous.getAttribute(name);
				if (value != null) {
					kept.put(name, value);
				}
			}
			previous.invalidate();
			this.metrics.ifAvailable(SessionMetrics::replaced);
		}
		HttpSession session = request.getSession();
		StartedAtSignIn.startAll(this.startedAtSignIn, session);
		kept.forEach(session::setAttribute);
		return session;
	}

	@PostMapping("/logout")
	void logout(HttpServletRequest request, HttpServletResponse response) throws IOException {
		HttpSession session = request.getSession(false);
		if (session != null) {
			// Deletes the stored session; Spring Session then expires the cookie.
			session.invalidate();
			this.metrics.ifAvailable(SessionMetrics::signedOut);
		}
		this.csrfTokens.saveToken(null, request, response);
		// Redirected here rather than through a view: rendering a view resolves the
		// language, which looks for the session just deleted (a wasted store read).
		response.sendRedirect("/login");
	}

}
