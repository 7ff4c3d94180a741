package org.relaydesk.web.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource of the customer portal: signed in by the portal's cookie, never by a staff
 * bearer token or panel session. Anonymous callers get 401 before the resource runs; the services
 * it calls check the customer again.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CustomerSignIn {
}
