package com.example.sessions.support;

import java.util.HashMap;
import java.util.Map;

import com.example.sessions.SessionsApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole application started and stopped on demand, for tests that need a restart.
 */
public final class RunningApp implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private RunningApp(ConfigurableApplicationContext context) {
		this.context = context;
	}

	public static RunningApp start(String profile, Map<String, Object> properties) {
		Map<String, Object> all = new HashMap<>(properties);
		all.put("server.port", 0);
		all.put("management.server.port", 0);
		all.put("spring.profiles.active", profile);
		// As command-line arguments: they win over the application's own property files.
		String[] args = all.entrySet()
			.stream()
			.map((p) -> "--" + p.getKey() + "=" + p.getValue())
			.toArray(String[]::new);
		return new RunningApp(new SpringApplicationBuilder(SessionsApplication.class).run(args));
	}

	public int port() {
		return this.context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	public <T> java.util.Map<String, T> beans(Class<T> type) {
		return this.context.getBeansOfType(type);
	}

	public int managementPort() {
		return this.context.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
