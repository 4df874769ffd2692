package com.example.sessions.preferences;

import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.SessionAttribute;
import org.springframework.web.servlet.ModelAndView;

@Controller
class PreferencesController {

	static final String VIEW = "preferences";

	@GetMapping("/preferences")
	String initPreferencesForm(@SessionAttribute(name = Preferences.ATTRIBUTE, required = false) Preferences current,
			Model model) {
		model.addAttribute("preferencesForm", PreferencesForm.of((current != null) ? current : Preferences.NONE));
		return VIEW;
	}

	@PostMapping("/preferences")
	ModelAndView processPreferencesForm(@Valid PreferencesForm preferencesForm, BindingResult result,
			HttpSession session) {
		if (result.hasErrors()) {
			return new ModelAndView(VIEW, HttpStatus.BAD_REQUEST);
		}
		session.setAttribute(Preferences.ATTRIBUTE, preferencesForm.toPreferences());
		return new ModelAndView("redirect:/preferences?saved");
	}

}
