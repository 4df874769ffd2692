package com.example.sessions.login;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.SessionAttribute;

@Controller
class HomeController {

	static final String VIEW = "home";

	/**
	 * Session attribute of the page count (kept by {@code visits/PageViews}, which has
	 * counted this page by now).
	 */
	private static final String VISITS = "visits";

	@GetMapping("/")
	String home(@SessionAttribute(name = SignedIn.NAME, required = false) String name,
			@SessionAttribute(name = VISITS, required = false) Number visits, Model model) {
		if (name == null) {
			return "redirect:/login";
		}
		model.addAttribute("name", name);
		model.addAttribute("visits", (visits != null) ? visits : 0);
		return VIEW;
	}

}
