/**
 * Where sessions are kept: Spring Session repositories for Redis
 * ({@code RedisSessionStore}) and JDBC ({@code JdbcSessionStore}, with a
 * {@code JdbcDialect} per database) that spend one round trip on a signed-in page, or
 * Spring Session's own repositories over the same data
 * ({@code SpringSessionRepositories}), chosen by {@code app.sessions.store} and
 * {@code app.sessions.repository} ({@code SessionStoreAutoConfiguration}).
 * <p>
 * The rest of the application sees Spring Session's contract ({@code HttpSession},
 * {@code FindByIndexNameSessionRepository}) and four public types:
 * <ul>
 * <li>{@link com.example.sessions.store.SessionAttributeMerger}: how two requests'
 * changes to one attribute merge (the cart's), where they can;</li>
 * <li>{@link com.example.sessions.store.ReadCounter}: an attribute the store counts up
 * while loading the session (the page counter);</li>
 * <li>{@link com.example.sessions.store.SessionStoreDescription}: which store and
 * repository run, and the limits of a session's life (for the session panel);</li>
 * <li>{@link com.example.sessions.store.PrincipalNameAttribute}: the attribute holding
 * the name sessions are found by (the signed-in name).</li>
 * </ul>
 * {@link com.example.sessions.store.SessionMetrics} records what the stores report.
 */
package com.example.sessions.store;
