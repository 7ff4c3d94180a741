package org.relaydesk.core.access;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.io.Serializable;

/** Enforces {@link RequiresRole} on service methods. */
@RequiresRole
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100) // outside the transaction: a refused call never opens one
public class RoleCheck implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    Access access;

    @AroundInvoke
    Object check(InvocationContext call) throws Exception {
        RequiresRole needed = call.getMethod().getAnnotation(RequiresRole.class);
        if (needed == null) {
            needed = call.getMethod().getDeclaringClass().getAnnotation(RequiresRole.class);
        }
        if (needed == null && call.getTarget() != null) {
            needed = call.getTarget().getClass().getAnnotation(RequiresRole.class);
        }
        if (needed != null) {
            if (needed.systemAdmin()) {
                access.requireSystemAdmin();
            } else {
                access.require(needed.value());
            }
        }
        return call.proceed();
    }
}
