package org.yiwang.identity.internal;

import java.io.IOException;
import java.time.Instant;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import org.yiwang.shared.security.Callers;

/** The sign-in page ({@code templates/login.html}) and its second step for accounts with TOTP. */
@Controller
class LoginController {

    private final SignInService signIn;
    private final CallerFactory callers;
    private final WebSignIn.LandingHandler landing;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final SessionAuthenticationStrategy fixation = new ChangeSessionIdAuthenticationStrategy();

    LoginController(SignInService signIn, CallerFactory callers, WebSignIn.LandingHandler landing) {
        this.signIn = signIn;
        this.callers = callers;
        this.landing = landing;
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String registered, Model model) {
        if (Callers.find().isPresent()) {
            return "redirect:" + WebSignIn.LandingHandler.home(Callers.current());
        }
        if (error != null) {
            model.addAttribute("error", switch (error) {
                case "account-locked" -> "identity.login.error.locked";
                case "account-disabled" -> "identity.login.error.disabled";
                case "totp-required" -> "identity.login.error.totp";
                case "totp-expired" -> "identity.login.error.totpExpired";
                default -> "identity.login.error.credentials";
            });
        }
        model.addAttribute("registered", registered != null);
        return "login";
    }

    @GetMapping("/login/totp")
    String totpPage(HttpServletRequest request, Model model, @RequestParam(required = false) String error) {
        if (pending(request) == null) {
            return "redirect:/login?error=totp-expired";
        }
        model.addAttribute("error", error != null);
        return "identity/totp";
    }

    @PostMapping("/login/totp")
    void totp(@RequestParam(required = false) String code, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        WebSignIn.Pending pending = pending(request);
        if (pending == null) {
            response.sendRedirect(request.getContextPath() + "/login?error=totp-expired");
            return;
        }
        Account a;
        try {
            a = signIn.completeSecondFactor(pending.accountId(), code);
        } catch (SignInFailure f) {
            if (f.reason() == SignInFailure.Reason.TOTP_REQUIRED) {
                response.sendRedirect(request.getContextPath() + "/login/totp?error");
            } else {
                request.getSession().removeAttribute(WebSignIn.PENDING);
                response.sendRedirect(request.getContextPath() + "/login?error=" + f.reason().code);
            }
            return;
        }
        request.getSession().removeAttribute(WebSignIn.PENDING);
        Authentication auth = WebSignIn.authenticated(callers.principal(a));
        fixation.onAuthentication(auth, request, response);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(auth);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        landing.onAuthenticationSuccess(request, response, auth);
    }

    private static WebSignIn.Pending pending(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(WebSignIn.PENDING) instanceof WebSignIn.Pending p)) {
            return null;
        }
        if (p.expiresAt().isBefore(Instant.now())) {
            session.removeAttribute(WebSignIn.PENDING);
            return null;
        }
        return p;
    }
}
