package org.yiwang.identity.internal;

import java.util.Locale;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.yiwang.audit.AuditLog;
import org.yiwang.organization.OrganizationDirectory;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.CallerType;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.ProblemException;

/**
 * 账号管理 ({@code /admin/accounts}, {@code account:manage}): the accounts the caller manages, creating an
 * officer account (by the officer's employee number) or an administrator account, disabling / enabling,
 * resetting a lost second factor.
 */
@Controller
class AccountAdminPage {

    private final AccountStore accounts;
    private final AccountService service;
    private final AccountViews views;
    private final OrganizationDirectory organization;
    private final AuditLog audit;

    AccountAdminPage(AccountStore accounts, AccountService service, AccountViews views, OrganizationDirectory organization, AuditLog audit) {
        this.accounts = accounts;
        this.service = service;
        this.views = views;
        this.organization = organization;
        this.audit = audit;
    }

    @GetMapping("/admin/accounts")
    String page(@RequestParam(required = false) String type, Model model) {
        Caller c = manager();
        CallerType t = null;
        if (type != null && !type.isBlank()) {
            try {
                t = CallerType.valueOf(type);
            } catch (IllegalArgumentException e) {
                t = null;
            }
        }
        model.addAttribute("type", t == null ? "" : t.name());
        model.addAttribute("accounts", accounts.all(t).stream().filter(a -> service.visible(a, c)).map(a -> views.view(a, null)).toList());
        model.addAttribute("canCreateAdmin", c.type() == CallerType.ADMIN);
        return "identity/accounts";
    }

    @PostMapping("/admin/accounts")
    String create(@RequestParam(required = false) String type, @RequestParam(required = false) String username,
                  @RequestParam(required = false) String password, @RequestParam(required = false) String employeeNo,
                  @RequestParam(required = false) String displayName, RedirectAttributes flash) {
        Caller c = manager();
        try {
            String officerId = null;
            if ("OFFICER".equals(type)) {
                if (employeeNo == null || employeeNo.isBlank()) {
                    throw ProblemException.invalidField("employeeNo", "必须填写", "is required");
                }
                officerId = organization.officerByEmployeeNo(employeeNo.trim()).map(o -> o.id())
                        .orElseThrow(() -> ProblemException.invalidField("employeeNo", "没有该工号的工作人员", "no officer has this employee number"));
            }
            service.createStaffAccount(new AccountService.StaffAccount(type, username, password, officerId, displayName), c);
            flash.addFlashAttribute("ok", english() ? "Account created" : "账号已创建");
        } catch (ProblemException e) {
            flash.addFlashAttribute("error", message(e));
        }
        return "redirect:/admin/accounts";
    }

    @PostMapping("/admin/accounts/{id}/status")
    String status(@PathVariable String id, @RequestParam boolean active, RedirectAttributes flash) {
        try {
            service.setStatus(id, active, manager());
            flash.addFlashAttribute("ok", english() ? (active ? "Account enabled" : "Account disabled") : (active ? "账号已启用" : "账号已停用"));
        } catch (ProblemException e) {
            flash.addFlashAttribute("error", message(e));
        }
        return "redirect:/admin/accounts";
    }

    @PostMapping("/admin/accounts/{id}/totp-reset")
    String resetTotp(@PathVariable String id, RedirectAttributes flash) {
        Caller c = manager();
        Account a = accounts.byId(id).filter(x -> service.visible(x, c)).orElseThrow(() -> ProblemException.notFound("account", id));
        accounts.disableTotp(a.id());
        audit.record("account.totp.reset", "account:" + a.id(), true, "channel=web");
        flash.addFlashAttribute("ok", english() ? "Second factor reset" : "已重置动态验证码");
        return "redirect:/admin/accounts";
    }

    /** Pages answer 403 (not problem+json) when the caller lacks {@code account:manage}. */
    private static Caller manager() {
        Caller c = Callers.current();
        if (!c.can(AccountService.ACCOUNT_MANAGE)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return c;
    }

    private static boolean english() {
        return LocaleContextHolder.getLocale().getLanguage().equals(Locale.ENGLISH.getLanguage());
    }

    private static String message(ProblemException e) {
        boolean en = english();
        StringBuilder b = new StringBuilder(en ? e.messageEn() : e.messageZh());
        for (FieldViolation v : e.violations()) {
            b.append(en ? "; " : "；").append(v.field()).append(en ? ": " : "：").append(en ? v.messageEn() : v.messageZh());
        }
        return b.toString();
    }
}
