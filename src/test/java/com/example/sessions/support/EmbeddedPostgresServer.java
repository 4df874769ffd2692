package com.example.sessions.support;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server (binaries from Maven Central) on a free port, started once per
 * test run and stopped when the JVM exits. Never the standard port 5432.
 */
public final class EmbeddedPostgresServer {

	private static EmbeddedPostgres postgres;

	private EmbeddedPostgresServer() {
	}

	public static synchronized String jdbcUrl() {
		if (postgres == null) {
			start();
		}
		return postgres.getJdbcUrl("postgres", "postgres");
	}

	private static void start() {
		try {
			postgres = EmbeddedPostgres.builder().setPort(FreePort.find()).start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedPostgresServer::stop));
	}

	private static void stop() {
		try {
			postgres.close();
		}
		catch (IOException ex) {
			// the JVM is exiting
		}
	}

}
