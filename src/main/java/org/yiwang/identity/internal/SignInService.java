package org.yiwang.identity.internal;

import java.time.Instant;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import org.yiwang.audit.AuditLog;

/**
 * Checks a sign-in (password, lockout, second factor) and audits every attempt with its outcome. Not
 * transactional on purpose: a failed attempt's counter and audit entry must persist although the sign-in fails.
 * <ul>
 * <li>Unknown user and wrong password give the same answer (and take about the same time).</li>
 * <li>After {@code maxFailedAttempts} consecutive failures (wrong password or wrong code) the account is
 * locked for {@code lockDuration}; while locked, even the right password is refused.</li>
 * <li>An account with TOTP enrolled needs a valid, unused code.</li>
 * </ul>
 */
@Service
class SignInService {

    /** How the user signs in: the web form checks the code in a second step. */
    enum Channel { API, WEB }

    static final String ACTION = "account.login";

    private final AccountStore accounts;
    private final PasswordEncoder passwords;
    private final TotpService totp;
    private final AuditLog audit;
    private final IdentityProperties props;
    private final String dummyHash;
    private final SignInRateLimiter limiter;

    SignInService(AccountStore accounts, PasswordEncoder passwords, TotpService totp, AuditLog audit, IdentityProperties props,
                  SignInRateLimiter limiter) {
        this.limiter = limiter;
        this.accounts = accounts;
        this.passwords = passwords;
        this.totp = totp;
        this.audit = audit;
        this.props = props;
        this.dummyHash = passwords.encode("Dummy#Password1");
    }

    /** Thrown after a correct password on the web when the account must still give its TOTP code. */
    static final class SecondFactorPending extends RuntimeException {
        private final String accountId;

        SecondFactorPending(String accountId) {
            super("totp-pending");
            this.accountId = accountId;
        }

        String accountId() {
            return accountId;
        }
    }

    /**
     * Signs in with a password and, for accounts with TOTP, a code. On the web ({@link Channel#WEB}) a missing
     * code raises {@link SecondFactorPending} instead of failing.
     */
    Account signIn(String username, String password, String code, Channel channel) {
        if (limiter.blocked(clientAddress())) {
            fail(null, username, "rate-limited", channel);
            throw new SignInFailure(SignInFailure.Reason.RATE_LIMITED);
        }
        Account a = username == null ? null : accounts.byUsername(username).orElse(null);
        if (a == null) {
            passwords.matches(password == null ? "" : password, dummyHash);
            fail(null, username, "unknown-user", channel);
            throw new SignInFailure(SignInFailure.Reason.BAD_CREDENTIALS);
        }
        Instant now = Instant.now();
        if (a.lockedAt(now)) {
            fail(a, a.username(), "locked", channel);
            throw new SignInFailure(SignInFailure.Reason.ACCOUNT_LOCKED);
        }
        if (a.lockedUntil() != null) {
            accounts.clearFailures(a.id()); // the lock has run out: start counting afresh
        }
        if (password == null || !passwords.matches(password, a.passwordHash())) {
            countFailure(a, "bad-password", channel);
            throw new SignInFailure(SignInFailure.Reason.BAD_CREDENTIALS);
        }
        if (!a.active()) {
            fail(a, a.username(), "disabled", channel);
            throw new SignInFailure(SignInFailure.Reason.ACCOUNT_DISABLED);
        }
        if (a.totpEnabled()) {
            if ((code == null || code.isBlank()) && channel == Channel.WEB) {
                throw new SecondFactorPending(a.id());
            }
            if (!totp.verify(a, code)) {
                countFailure(a, code == null || code.isBlank() ? "totp-missing" : "bad-totp", channel);
                throw new SignInFailure(SignInFailure.Reason.TOTP_REQUIRED);
            }
        }
        succeed(a, channel, a.totpEnabled() ? "password+totp" : "password");
        return a;
    }

    /** The web's second step: the TOTP code of an account whose password was already checked. */
    Account completeSecondFactor(String accountId, String code) {
        Account a = accounts.byId(accountId).orElseThrow(() -> new SignInFailure(SignInFailure.Reason.BAD_CREDENTIALS));
        if (a.lockedAt(Instant.now())) {
            fail(a, a.username(), "locked", Channel.WEB);
            throw new SignInFailure(SignInFailure.Reason.ACCOUNT_LOCKED);
        }
        if (!a.active()) {
            fail(a, a.username(), "disabled", Channel.WEB);
            throw new SignInFailure(SignInFailure.Reason.ACCOUNT_DISABLED);
        }
        if (!totp.verify(a, code)) {
            countFailure(a, "bad-totp", Channel.WEB);
            throw new SignInFailure(SignInFailure.Reason.TOTP_REQUIRED);
        }
        succeed(a, Channel.WEB, "password+totp");
        return a;
    }

    private void countFailure(Account a, String reason, Channel channel) {
        int failures = accounts.recordFailure(a.id());
        if (failures >= props.maxFailedAttempts()) {
            accounts.lock(a.id(), Instant.now().plus(props.lockDuration()));
            fail(a, a.username(), reason + ", account locked after " + failures + " consecutive failures", channel);
        } else {
            fail(a, a.username(), reason + " (" + failures + " consecutive)", channel);
        }
    }

    private static String clientAddress() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes r ? r.getRequest().getRemoteAddr() : null;
    }

    private void fail(Account a, String username, String reason, Channel channel) {
        if (!reason.equals("rate-limited")) {
            limiter.failure(clientAddress());
        }
        String name = username == null ? "" : username.length() > 64 ? username.substring(0, 64) : username;
        audit.recordDetached(a == null ? "anonymous" : a.id(), name, ACTION, a == null ? "account:unknown" : "account:" + a.id(),
                false, "channel=" + channel.name().toLowerCase() + " reason=" + reason);
    }

    private void succeed(Account a, Channel channel, String factors) {
        accounts.clearFailures(a.id());
        audit.recordAs(a.id(), a.username(), ACTION, "account:" + a.id(), true,
                "channel=" + channel.name().toLowerCase() + " factors=" + factors);
    }
}
