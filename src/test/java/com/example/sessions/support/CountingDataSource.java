package com.example.sessions.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A data source that counts what the application asks the database to do while serving
 * requests: statement executions (a batch counts once) and commits, each one round trip.
 * Work on other threads (the sweep of expired sessions) is not counted.
 */
public final class CountingDataSource extends DelegatingDataSource implements RoundTrips {

	private final AtomicLong roundTrips = new AtomicLong();

	public CountingDataSource(DataSource target) {
		super(target);
	}

	@Override
	public long sinceLastCall() {
		return this.roundTrips.getAndSet(0);
	}

	@Override
	public Connection getConnection() throws SQLException {
		return counting(Connection.class, super.getConnection());
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return counting(Connection.class, super.getConnection(username, password));
	}

	@SuppressWarnings("unchecked")
	private <T> T counting(Class<T> type, T target) {
		InvocationHandler handler = (proxy, method, args) -> {
			Object result = invoke(method, target, args);
			if (isRoundTrip(method) && Thread.currentThread().getName().startsWith("http-")) {
				this.roundTrips.incrementAndGet();
			}
			if (result instanceof Statement statement) {
				Class<? extends Statement> statementType = (Class<? extends Statement>) method.getReturnType();
				return counting((Class<Statement>) statementType, statement);
			}
			return result;
		};
		return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { type }, handler));
	}

	private static boolean isRoundTrip(Method method) {
		return method.getName().startsWith("execute") || method.getName().equals("commit");
	}

	private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

}
