package com.example.sessions.store;

import org.springframework.session.FindByIndexNameSessionRepository;

/**
 * Where a session and its bookkeeping live in Redis, under a namespace
 * ({@code spring.session.data.redis.namespace}, by default {@value #DEFAULT_NAMESPACE}),
 * in the layout of Spring Session's own repositories.
 *
 * @param namespace the prefix of every key
 */
record RedisKeys(String namespace) {

	static final String DEFAULT_NAMESPACE = "spring:session";

	static final RedisKeys DEFAULT = new RedisKeys(DEFAULT_NAMESPACE);

	/**
	 * The hash of the session's fields.
	 */
	String session(String id) {
		return sessionPrefix() + id;
	}

	String sessionPrefix() {
		return this.namespace + ":sessions:";
	}

	/**
	 * The set of a name's session ids, as Spring Session's indexed repository keeps it.
	 */
	String nameIndex(String name) {
		return this.namespace + ":index:" + FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME + ":" + name;
	}

	/**
	 * The marker of an instance that counted the session's expiry.
	 */
	String expiryCounted(String id) {
		return this.namespace + ":expired:" + id;
	}

}
