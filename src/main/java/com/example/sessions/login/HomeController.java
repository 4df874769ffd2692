package com.example.sessions.login;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.SessionAttribute;

@Controller
class HomeController {

	static final String VIEW = "home";

	@GetMapping("/")
	String home(@SessionAttribute(name = SignedIn.NAME, required = false) String name) {
		return (name != null) ? VIEW : "redirect:/login";
	}

}
