package org.yiwang.audit;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.CallerType;
import org.yiwang.shared.security.Callers;

/** Test helper: runs code with a given {@link Caller} in the security context, as the identity module would. */
final class TestCallers {

    private TestCallers() {
    }

    static <T> T as(Caller caller, Supplier<T> work) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        Callers.CallerAware principal = () -> caller;
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, List.of()));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    static void run(Caller caller, Runnable work) {
        as(caller, () -> {
            work.run();
            return null;
        });
    }

    /** An auditor (审计员) holding the given permissions. */
    static Caller auditor(String... permissions) {
        return new Caller("test-auditor", "test-auditor", "测试审计员", CallerType.OFFICER, Set.of("AUDITOR"), Set.of(permissions),
                Set.of("3399"), Set.of(), null);
    }
}
