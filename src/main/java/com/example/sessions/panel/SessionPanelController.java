package com.example.sessions.panel;

import java.util.Collections;
import java.util.List;

import jakarta.servlet.http.HttpSession;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.example.sessions.login.SignedIn;
import com.example.sessions.login.StartedAtSignIn;

/**
 * "Your session": what the store keeps for this visitor, the in-app version of looking at
 * the cookie in the browser's developer tools.
 */
@Controller
class SessionPanelController {

	static final String VIEW = "session";

	private final SessionInspector inspector;

	private final List<StartedAtSignIn> startedAtSignIn;

	SessionPanelController(SessionInspector inspector, ObjectProvider<StartedAtSignIn> startedAtSignIn) {
		this.inspector = inspector;
		this.startedAtSignIn = startedAtSignIn.orderedStream().toList();
	}

	@GetMapping("/session")
	String showSession(HttpSession session, Model model) {
		model.addAttribute("details", this.inspector.inspect(session));
		return VIEW;
	}

	/**
	 * Clears everything the session holds except the sign-in itself: back to how signing
	 * in started it.
	 */
	@PostMapping("/session/start-over")
	String startOver(HttpSession session, RedirectAttributes redirect) {
		Collections.list(session.getAttributeNames())
			.stream()
			.filter((name) -> !SignedIn.ATTRIBUTES.contains(name))
			.forEach(session::removeAttribute);
		StartedAtSignIn.startAll(this.startedAtSignIn, session);
		redirect.addFlashAttribute("cleared", true);
		return "redirect:/session";
	}

}
