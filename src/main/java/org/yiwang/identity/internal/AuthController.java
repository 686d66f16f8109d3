package org.yiwang.identity.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import org.yiwang.audit.AuditLog;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.ProblemException;

/** Sign-in for API clients: opaque bearer tokens; sign-out; who am I. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Authentication 认证")
class AuthController {

    private final SignInService signIn;
    private final TokenService tokens;
    private final CallerFactory callers;
    private final AccountViews views;
    private final AccountStore accounts;
    private final AuditLog audit;

    AuthController(SignInService signIn, TokenService tokens, CallerFactory callers, AccountViews views, AccountStore accounts, AuditLog audit) {
        this.signIn = signIn;
        this.tokens = tokens;
        this.callers = callers;
        this.views = views;
        this.accounts = accounts;
        this.audit = audit;
    }

    record LoginRequest(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 128) String password, @Size(max = 10) String totp) {
    }

    record LoginResponse(String accessToken, String tokenType, long expiresIn, java.time.Instant absoluteExpiresAt,
                         AccountViews.AccountSummary account) {
    }

    @PostMapping("/auth/login")
    @Operation(summary = "Sign in with username, password and (when enrolled) a TOTP code; returns a bearer token")
    LoginResponse login(@Valid @RequestBody LoginRequest request) {
        Account a;
        try {
            a = signIn.signIn(request.username(), request.password(), request.totp(), SignInService.Channel.API);
        } catch (SignInFailure f) {
            throw f.toProblem();
        }
        Caller caller = callers.build(a);
        TokenService.Issued issued = tokens.issue(a.id());
        return new LoginResponse(issued.token(), "Bearer", issued.expiresInSeconds(), issued.expiresAt(), views.summary(caller));
    }

    @PostMapping("/auth/logout")
    @Operation(summary = "Revoke the bearer token of this request")
    ResponseEntity<Void> logout(HttpServletRequest request) {
        Caller c = Callers.current();
        String token = BearerTokenFilter.bearer(request);
        if (token == null) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "no-bearer-token", "此请求未使用令牌", "This request carries no bearer token");
        }
        tokens.revoke(token);
        audit.recordAs(c.accountId(), c.username(), "account.logout", "account:" + c.accountId(), true, "channel=api");
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/me")
    @Operation(summary = "The signed-in account: type, roles, permissions, data scope and own personal data")
    AccountViews.AccountView me() {
        Caller c = Callers.current();
        Account a = accounts.byId(c.accountId()).orElseThrow(() -> ProblemException.notFound("account", c.accountId()));
        return views.view(a, c);
    }
}
