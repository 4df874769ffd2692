package com.example.sessions.login;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How signing in behaves during an upgrade.
 *
 * @param copyNameForEarlierVersions also write the signed-in name under Spring Session's
 * principal-name attribute, where versions before the name was stored once look for it;
 * on only while such versions still serve beside this one
 * ({@code APP_LOGIN_COPY_NAME_FOR_EARLIER_VERSIONS}; README "Upgrading")
 */
@ConfigurationProperties("app.login")
record LoginSettings(boolean copyNameForEarlierVersions) {
}
