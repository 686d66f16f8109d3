package org.yiwang.identity.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API requests carrying {@code Authorization: Bearer <token>} (tokens from
 * {@code POST /api/v1/auth/login}). The caller is rebuilt from the account on each request, so role and
 * permission changes apply at once. A token that is unknown, revoked or expired leaves the request
 * unauthenticated and marks it, so the entry point answers 401 with code {@code invalid-token}.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    static final String INVALID_TOKEN = BearerTokenFilter.class.getName() + ".invalid";
    static final String TOKEN = BearerTokenFilter.class.getName() + ".token";

    private final TokenService tokens;
    private final AccountStore accounts;
    private final CallerFactory callers;
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    BearerTokenFilter(TokenService tokens, AccountStore accounts, CallerFactory callers) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.callers = callers;
    }

    static String bearer(HttpServletRequest request) {
        String h = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (h == null || h.length() < 8 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return h.substring(7).trim();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = bearer(request);
        if (token != null) {
            Account account = tokens.validate(token).flatMap(accounts::byId).filter(Account::active).orElse(null);
            if (account == null) {
                holder.clearContext();
                request.setAttribute(INVALID_TOKEN, Boolean.TRUE);
            } else {
                AccountPrincipal principal = callers.principal(account);
                UsernamePasswordAuthenticationToken auth = UsernamePasswordAuthenticationToken.authenticated(principal, null,
                        principal.authorities());
                SecurityContext context = holder.createEmptyContext();
                context.setAuthentication(auth);
                holder.setContext(context);
                request.setAttribute(TOKEN, token);
            }
        }
        chain.doFilter(request, response);
    }
}
