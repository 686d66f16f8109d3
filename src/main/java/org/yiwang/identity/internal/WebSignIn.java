package org.yiwang.identity.internal;

import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

import org.yiwang.shared.security.Caller;

/** The pieces of web (form) sign-in: the password step, the TOTP step hand-over, and where users land. */
final class WebSignIn {

    /** Session attribute holding a sign-in waiting for its TOTP code. */
    static final String PENDING = WebSignIn.class.getName() + ".pending";

    private WebSignIn() {
    }

    /** A password-checked sign-in waiting for the second factor. */
    record Pending(String accountId, Instant expiresAt) implements Serializable {
    }

    /** A failed web sign-in, carrying the stable reason code shown on the login page. */
    static final class Failure extends AuthenticationException {
        private final String code;

        Failure(String code) {
            super(code);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    /** The password was right; the TOTP code is still needed. */
    static final class SecondFactorNeeded extends AuthenticationException {
        private final String accountId;

        SecondFactorNeeded(String accountId) {
            super("totp-pending");
            this.accountId = accountId;
        }

        String accountId() {
            return accountId;
        }
    }

    /** Checks the form's username and password through {@link SignInService}. */
    @Component
    static class PasswordProvider implements AuthenticationProvider {

        private final SignInService signIn;
        private final CallerFactory callers;

        PasswordProvider(SignInService signIn, CallerFactory callers) {
            this.signIn = signIn;
            this.callers = callers;
        }

        @Override
        public Authentication authenticate(Authentication authentication) {
            String username = authentication.getName();
            String password = authentication.getCredentials() == null ? null : authentication.getCredentials().toString();
            try {
                Account a = signIn.signIn(username, password, null, SignInService.Channel.WEB);
                return authenticated(callers.principal(a));
            } catch (SignInService.SecondFactorPending p) {
                throw new SecondFactorNeeded(p.accountId());
            } catch (SignInFailure f) {
                throw new Failure(f.reason().code);
            }
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
        }
    }

    static UsernamePasswordAuthenticationToken authenticated(AccountPrincipal principal) {
        return UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.authorities());
    }

    /** After sign-in: back to the page that asked for it (e.g. an OIDC authorization request), else the account's home. */
    @Component
    static class LandingHandler extends SavedRequestAwareAuthenticationSuccessHandler {

        @Override
        protected String determineTargetUrl(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
            if (authentication.getPrincipal() instanceof AccountPrincipal p) {
                return home(p.caller());
            }
            return "/";
        }

        static String home(Caller c) {
            return switch (c.type()) {
                case CITIZEN, ENTERPRISE -> "/portal";
                case OFFICER -> "/workbench";
                case ADMIN, SYSTEM -> "/admin";
            };
        }
    }

    /** Failed password step: back to the form with a reason; a pending second factor goes to the TOTP page. */
    @Component
    static class FailureHandler implements AuthenticationFailureHandler {

        private final IdentityProperties props;

        FailureHandler(IdentityProperties props) {
            this.props = props;
        }

        @Override
        public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
                throws IOException, ServletException {
            if (exception instanceof SecondFactorNeeded needed) {
                HttpSession session = request.getSession(true);
                session.setAttribute(PENDING, new Pending(needed.accountId(), Instant.now().plus(props.totpPendingTimeout())));
                response.sendRedirect(request.getContextPath() + "/login/totp");
                return;
            }
            String code = exception instanceof Failure f ? f.code() : "bad-credentials";
            response.sendRedirect(request.getContextPath() + "/login?error=" + code);
        }
    }
}
