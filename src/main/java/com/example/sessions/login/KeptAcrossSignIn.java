package com.example.sessions.login;

import java.util.Set;

/**
 * Session attributes that signing in carries over from the session it replaces, on
 * purpose. Everything else of that session is deleted with it: the next person to sign in
 * on a shared computer must find nothing of the last one's cart, addresses or orders.
 * Only settings that identify nobody belong here (the theme and language, for instance).
 */
@FunctionalInterface
public interface KeptAcrossSignIn {

	Set<String> attributes();

}
