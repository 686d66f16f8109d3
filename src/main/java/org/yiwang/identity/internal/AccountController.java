package org.yiwang.identity.internal;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.yiwang.audit.AuditLog;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.CallerType;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.ProblemException;

/**
 * Accounts: reading one (its holder, administrators, account managers for officers in their scope — others
 * get 404, so ids cannot be probed), listing and creating staff accounts ({@code account:manage}), enabling and
 * disabling, password change, and the TOTP second factor.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Accounts 用户")
class AccountController {

    private final AccountService service;
    private final AccountStore accounts;
    private final AccountViews views;
    private final TotpService totp;
    private final AuditLog audit;

    AccountController(AccountService service, AccountStore accounts, AccountViews views, TotpService totp, AuditLog audit) {
        this.service = service;
        this.accounts = accounts;
        this.views = views;
        this.totp = totp;
        this.audit = audit;
    }

    @GetMapping("/accounts/{id}")
    @Transactional(readOnly = true)
    @Operation(summary = "One account, if the caller may see it (personal data masked except to its holder)")
    AccountViews.AccountView get(@PathVariable String id) {
        Caller c = Callers.current();
        Account a = accounts.byId(id).filter(x -> service.visible(x, c)).orElseThrow(() -> ProblemException.notFound("account", id));
        return views.view(a, c);
    }

    @GetMapping("/accounts")
    @Transactional(readOnly = true)
    @Operation(summary = "Accounts the caller manages (account:manage): administrators see all, region administrators their officers")
    List<AccountViews.AccountView> list(@RequestParam(required = false) String type) {
        Caller c = Callers.require(AccountService.ACCOUNT_MANAGE);
        CallerType t = null;
        if (type != null) {
            try {
                t = CallerType.valueOf(type);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("type", "须为 CITIZEN、ENTERPRISE、OFFICER 或 ADMIN", "must be CITIZEN, ENTERPRISE, OFFICER or ADMIN");
            }
        }
        return accounts.all(t).stream().filter(a -> service.visible(a, c)).map(a -> views.view(a, c)).toList();
    }

    @PostMapping("/accounts")
    @Transactional
    @Operation(summary = "Create an officer account (linked to an organization officer) or an administrator account")
    ResponseEntity<AccountViews.AccountView> create(@RequestBody AccountService.StaffAccount body) {
        Caller c = Callers.require(AccountService.ACCOUNT_MANAGE);
        if (body == null) {
            throw ProblemException.invalidField("body", "必须提供", "is required");
        }
        String id = service.createStaffAccount(body, c);
        Account a = accounts.byId(id).orElseThrow();
        return ResponseEntity.created(URI.create("/api/v1/accounts/" + id)).body(views.view(a, c));
    }

    @PostMapping("/accounts/{id}/disable")
    @Operation(summary = "Disable an account (its tokens are revoked)")
    ResponseEntity<Void> disable(@PathVariable String id) {
        service.setStatus(id, false, Callers.current());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/accounts/{id}/enable")
    @Operation(summary = "Enable a disabled account")
    ResponseEntity<Void> enable(@PathVariable String id) {
        service.setStatus(id, true, Callers.current());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/accounts/{id}/totp")
    @Transactional
    @Operation(summary = "Reset an account's second factor (lost device); the holder must enrol again")
    ResponseEntity<Void> resetTotp(@PathVariable String id) {
        Caller c = Callers.require(AccountService.ACCOUNT_MANAGE);
        Account a = accounts.byId(id).filter(x -> service.visible(x, c)).orElseThrow(() -> ProblemException.notFound("account", id));
        accounts.disableTotp(a.id());
        audit.record("account.totp.reset", "account:" + a.id(), true, "");
        return ResponseEntity.noContent().build();
    }

    record PasswordChange(String currentPassword, String newPassword) {
    }

    @PutMapping("/me/password")
    @Operation(summary = "Change the caller's password; the caller's other bearer tokens are revoked")
    ResponseEntity<Void> changePassword(@RequestBody PasswordChange body, HttpServletRequest request) {
        Caller c = Callers.current();
        if (body == null) {
            throw ProblemException.invalidField("body", "必须提供", "is required");
        }
        service.changePassword(c.accountId(), body.currentPassword(), body.newPassword(), BearerTokenFilter.bearer(request));
        return ResponseEntity.noContent().build();
    }

    record TotpCode(String code) {
    }

    @PostMapping("/me/totp")
    @Operation(summary = "Start TOTP enrolment (officers and administrators): a new secret, its otpauth URI and QR code")
    TotpService.Enrolment startTotp() {
        Account a = privileged();
        if (a.totpEnabled()) {
            throw ProblemException.conflict("totp-enrolled", "已启用动态验证码，如需更换请先停用", "TOTP is already enrolled; remove it first");
        }
        TotpService.Enrolment e = totp.start(a);
        audit.record("account.totp.start", "account:" + a.id(), true, "");
        return e;
    }

    @PostMapping("/me/totp/confirm")
    @Operation(summary = "Confirm TOTP enrolment with a code from the authenticator; from then on sign-in needs a code")
    ResponseEntity<Void> confirmTotp(@RequestBody TotpCode body) {
        Account a = privileged();
        if (a.totpEnabled()) {
            throw ProblemException.conflict("totp-enrolled", "已启用动态验证码", "TOTP is already enrolled");
        }
        if (a.totpSecretEnc() == null) {
            throw ProblemException.conflict("totp-not-started", "请先开始绑定", "Start the enrolment first");
        }
        if (body == null || !totp.verify(a, body.code())) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-field", "动态验证码不正确", "The code is wrong",
                    List.of(new FieldViolation("code", "不正确或已过期", "is wrong or expired")));
        }
        accounts.enableTotp(a.id());
        audit.record("account.totp.enable", "account:" + a.id(), true, "");
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/me/totp")
    @Operation(summary = "Remove the caller's TOTP second factor (needs a current code)")
    ResponseEntity<Void> removeTotp(@RequestParam String code) {
        Account a = privileged();
        if (!a.totpEnabled()) {
            throw ProblemException.conflict("totp-not-enrolled", "未启用动态验证码", "TOTP is not enrolled");
        }
        if (!totp.verify(a, code)) {
            throw ProblemException.invalidField("code", "不正确或已过期", "is wrong or expired");
        }
        accounts.disableTotp(a.id());
        audit.record("account.totp.remove", "account:" + a.id(), true, "");
        return ResponseEntity.noContent().build();
    }

    private Account privileged() {
        Caller c = Callers.current();
        Account a = accounts.byId(c.accountId()).orElseThrow(() -> ProblemException.notFound("account", c.accountId()));
        if (!a.privileged()) {
            throw ProblemException.forbidden("动态验证码仅用于工作人员和管理员账号", "TOTP is for officer and administrator accounts");
        }
        return a;
    }
}
