package org.yiwang.identity.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps web sessions in step with their accounts: on each request of a signed-in session the caller is
 * rebuilt from the account (so role, permission and assignment changes apply at once, as for bearer
 * tokens), and a session whose account was disabled or removed is ended.
 */
final class SessionCallerFilter extends OncePerRequestFilter {

    private final AccountStore accounts;
    private final CallerFactory callers;
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    SessionCallerFilter(AccountStore accounts, CallerFactory callers) {
        this.accounts = accounts;
        this.callers = callers;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/img/") || path.startsWith("/webjars/")
                || path.equals("/favicon.ico");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = holder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof AccountPrincipal p) {
            Account account = accounts.byId(p.accountId()).filter(Account::active).orElse(null);
            if (account == null) {
                holder.clearContext();
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
            } else {
                AccountPrincipal fresh = callers.principal(account);
                SecurityContext context = holder.createEmptyContext();
                context.setAuthentication(WebSignIn.authenticated(fresh)); // this request only; the session keeps the sign-in
                holder.setContext(context);
            }
        }
        chain.doFilter(request, response);
    }
}
