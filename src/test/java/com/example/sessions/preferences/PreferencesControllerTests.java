package com.example.sessions.preferences;

import java.util.Locale;

import com.example.sessions.preferences.Preferences.Theme;
import com.example.sessions.security.SecurityConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(PreferencesController.class)
@Import({ SecurityConfiguration.class, PreferencesConfiguration.class })
class PreferencesControllerTests {

	@Autowired
	MockMvc mvc;

	@Test
	void chosenThemeAndLanguageApplyToEveryPage() throws Exception {
		MockHttpSession session = signedIn();

		this.mvc
			.perform(post("/preferences").param("theme", "DARK").param("language", "de").with(csrf()).session(session))
			.andExpect(redirectedUrl("/preferences?saved"));

		assertThat(session.getAttribute(Preferences.ATTRIBUTE)).isEqualTo(new Preferences(Theme.DARK, "de"));
		this.mvc.perform(get("/preferences").param("saved", "").session(session))
			.andExpect(content().string(containsString("<html lang=\"de\" data-theme=\"dark\">")))
			.andExpect(content().string(containsString("Gespeichert.")));
	}

	@Test
	void withoutAChoiceTheBrowsersLanguageAndTheDevicesThemeApply() throws Exception {
		MockHttpSession session = signedIn();

		this.mvc.perform(post("/preferences").param("theme", "").param("language", "").with(csrf()).session(session));

		assertThat(session.getAttribute(Preferences.ATTRIBUTE)).isEqualTo(new Preferences(null, null));
		this.mvc.perform(get("/preferences").session(session).locale(Locale.GERMANY))
			.andExpect(content().string(containsString("<html lang=\"de\">")));
		this.mvc.perform(get("/preferences").session(session).locale(Locale.FRENCH))
			.andExpect(content().string(containsString("<html lang=\"en\">")));
	}

	@Test
	void unknownChoicesAreRefusedAndChangeNothing() throws Exception {
		MockHttpSession session = signedIn();

		this.mvc
			.perform(
					post("/preferences").param("theme", "PURPLE").param("language", "xx").with(csrf()).session(session))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("Please pick one of the languages offered.")));

		assertThat(session.getAttribute(Preferences.ATTRIBUTE)).isNull();
	}

	private static MockHttpSession signedIn() {
		MockHttpSession session = new MockHttpSession();
		session.setAttribute("name", "Ada");
		return session;
	}

}
