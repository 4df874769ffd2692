package com.example.sessions.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;

@Controller
class LoginController {

	static final String VIEW = "login";

	private final CsrfTokenRepository csrfTokens;

	LoginController(CsrfTokenRepository csrfTokens) {
		this.csrfTokens = csrfTokens;
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
		HttpSession session = request.getSession();
		// A session id (or CSRF token) seen before signing in must be useless after it.
		request.changeSessionId();
		this.csrfTokens.saveToken(null, request, response);
		session.setAttribute(SignedIn.NAME, loginForm.name());
		// Lets Spring Session index the session by name (PRINCIPAL_NAME column,
		// Actuator's sessions endpoint).
		session.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, loginForm.name());
		return new ModelAndView("redirect:/");
	}

	@PostMapping("/logout")
	String logout(HttpServletRequest request, HttpServletResponse response) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			// Deletes the stored session; Spring Session then expires the cookie.
			session.invalidate();
		}
		this.csrfTokens.saveToken(null, request, response);
		return "redirect:/login";
	}

}
