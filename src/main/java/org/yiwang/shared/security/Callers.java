package org.yiwang.shared.security;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import org.yiwang.shared.web.ProblemException;

/** Access to the current {@link Caller}. The identity module puts a {@link CallerAware} principal in the security context. */
public final class Callers {

    private Callers() {
    }

    /** The current caller, if someone is signed in. */
    public static Optional<Caller> find() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            return Optional.empty();
        }
        if (auth.getPrincipal() instanceof CallerAware aware) {
            return Optional.ofNullable(aware.caller());
        }
        if (auth.getDetails() instanceof CallerAware aware) {
            return Optional.ofNullable(aware.caller());
        }
        return Optional.empty();
    }

    /** The current caller; 401 problem when nobody is signed in. */
    public static Caller current() {
        return find().orElseThrow(() -> new ProblemException(org.springframework.http.HttpStatus.UNAUTHORIZED,
                "unauthenticated", "需要登录", "Authentication required"));
    }

    /** Throws 403 unless the current caller holds {@code permission}. */
    public static Caller require(String permission) {
        Caller c = current();
        if (!c.can(permission)) {
            throw ProblemException.forbidden("缺少权限：" + permission, "Missing permission: " + permission);
        }
        return c;
    }

    /**
     * Runs {@code work} with {@code caller} in the security context of this thread (e.g. {@link Caller#SYSTEM}
     * for the demo load, scheduled jobs and imports run at start-up), restoring the previous context afterwards.
     */
    public static <T> T callAs(Caller caller, Supplier<T> work) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        CallerAware principal = () -> caller;
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, List.of()));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    /** {@link #callAs} for work without a result. */
    public static void runAs(Caller caller, Runnable work) {
        callAs(caller, () -> {
            work.run();
            return null;
        });
    }

    /** Implemented by principals that carry a {@link Caller}. */
    public interface CallerAware {
        Caller caller();
    }
}
