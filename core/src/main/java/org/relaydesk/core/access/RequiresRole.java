package org.relaydesk.core.access;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.relaydesk.core.user.Role;

/**
 * The role a service method needs from the staff member calling it over HTTP. Checked by
 * {@link RoleCheck} around the method, whatever page or endpoint called it: page filters and
 * resource checks are a second line, never the only one.
 */
@Inherited
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresRole {
    @Nonbinding
    Role value() default Role.ADMIN;

    /** Only the installation's system administrator (workspaces, plugins). */
    @Nonbinding
    boolean systemAdmin() default false;
}
