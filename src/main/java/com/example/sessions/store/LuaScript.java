package com.example.sessions.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A Lua script of this package, read and hashed once. Spring Data Redis's scripts made
 * from a resource look at the file again, under a lock, on every call (to pick up
 * changes), which every request to the store would pay for.
 */
final class LuaScript<T> implements RedisScript<T> {

	private final String text;

	private final String sha1;

	private final Class<T> resultType;

	private LuaScript(String text, Class<T> resultType) {
		this.text = text;
		this.sha1 = RedisScript.of(text).getSha1();
		this.resultType = resultType;
	}

	static <T> LuaScript<T> load(String name, Class<T> resultType) {
		try {
			return new LuaScript<>(
					new ClassPathResource(name, LuaScript.class).getContentAsString(StandardCharsets.UTF_8),
					resultType);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public String getSha1() {
		return this.sha1;
	}

	@Override
	public Class<T> getResultType() {
		return this.resultType;
	}

	@Override
	public String getScriptAsString() {
		return this.text;
	}

}
