package com.example.sessions;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

/**
 * A "remember my name" web app whose session data lives server-side (Redis or a JDBC
 * table, chosen by profile); the browser only holds the {@code SESSION} cookie.
 */
// Spring Security is here for CSRF protection and headers only: no generated user.
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
public class SessionsApplication {

	public static void main(String[] args) {
		SpringApplication.run(SessionsApplication.class, args);
	}

}
