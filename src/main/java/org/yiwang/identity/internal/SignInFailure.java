package org.yiwang.identity.internal;

import org.springframework.http.HttpStatus;

import org.yiwang.shared.web.ProblemException;

/** Why a sign-in failed, with the status and stable code the API reports. */
final class SignInFailure extends RuntimeException {

    enum Reason {
        /** Unknown user or wrong password: one message for both. */
        BAD_CREDENTIALS(HttpStatus.UNAUTHORIZED, "bad-credentials", "用户名或密码错误", "Wrong username or password"),
        ACCOUNT_LOCKED(HttpStatus.LOCKED, "account-locked", "连续登录失败次数过多，账号已临时锁定，请稍后再试",
                "Too many failed sign-ins: the account is locked for a while"),
        ACCOUNT_DISABLED(HttpStatus.UNAUTHORIZED, "account-disabled", "账号已停用", "The account is disabled"),
        RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "too-many-sign-ins", "来自此地址的登录失败次数过多，请稍后再试",
                "Too many failed sign-ins from this address: try again later"),
        TOTP_REQUIRED(HttpStatus.UNAUTHORIZED, "totp-required", "需要有效的动态验证码（TOTP）", "A valid one-time code (TOTP) is required");

        final HttpStatus status;
        final String code;
        final String messageZh;
        final String messageEn;

        Reason(HttpStatus status, String code, String messageZh, String messageEn) {
            this.status = status;
            this.code = code;
            this.messageZh = messageZh;
            this.messageEn = messageEn;
        }
    }

    private final Reason reason;

    SignInFailure(Reason reason) {
        super(reason.code);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }

    ProblemException toProblem() {
        return new ProblemException(reason.status, reason.code, reason.messageZh, reason.messageEn);
    }
}
