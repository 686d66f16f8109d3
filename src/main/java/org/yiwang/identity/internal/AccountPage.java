package org.yiwang.identity.internal;

import java.time.LocalDate;
import java.util.Locale;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.yiwang.audit.AuditLog;
import org.yiwang.identity.AccountDirectory;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.CallerType;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.ProblemException;

/**
 * 账户与安全 ({@code /account}): the signed-in account's details (personal data masked on screen), password
 * change, TOTP enrolment for officers and administrators, an enterprise's agents, the enterprises a citizen may act for.
 */
@Controller
class AccountPage {

    private final AccountStore accounts;
    private final AccountViews views;
    private final AccountService service;
    private final TotpService totp;
    private final AgentService agents;
    private final AccountDirectory directory;
    private final AuditLog audit;

    AccountPage(AccountStore accounts, AccountViews views, AccountService service, TotpService totp, AgentService agents,
                AccountDirectory directory, AuditLog audit) {
        this.accounts = accounts;
        this.views = views;
        this.service = service;
        this.totp = totp;
        this.agents = agents;
        this.directory = directory;
        this.audit = audit;
    }

    @GetMapping("/account")
    String page(Model model) {
        return render(model, null);
    }

    private String render(Model model, TotpService.Enrolment enrolment) {
        Caller c = Callers.current();
        Account a = accounts.byId(c.accountId()).orElseThrow(() -> ProblemException.notFound("account", c.accountId()));
        model.addAttribute("account", views.view(a, null)); // masked on screen
        model.addAttribute("privileged", a.privileged());
        model.addAttribute("totpEnabled", a.totpEnabled());
        model.addAttribute("enrolment", enrolment);
        if (a.type() == CallerType.ENTERPRISE) {
            model.addAttribute("agents", agents.list(c));
        }
        if (a.type() == CallerType.CITIZEN) {
            model.addAttribute("represented", directory.enterprisesRepresentedBy(a.id(), LocalDate.now()));
        }
        return "identity/account";
    }

    @PostMapping("/account/password")
    String changePassword(@RequestParam(required = false) String currentPassword, @RequestParam(required = false) String newPassword,
                          @RequestParam(required = false) String newPasswordRepeat, RedirectAttributes flash) {
        Caller c = Callers.current();
        if (newPassword == null || !newPassword.equals(newPasswordRepeat)) {
            flash.addFlashAttribute("error", english() ? "The new passwords do not match" : "两次输入的新密码不一致");
            return "redirect:/account";
        }
        try {
            service.changePassword(c.accountId(), currentPassword, newPassword, null);
            flash.addFlashAttribute("ok", english() ? "Password changed" : "密码已修改");
        } catch (ProblemException e) {
            flash.addFlashAttribute("error", message(e));
        }
        return "redirect:/account";
    }

    @PostMapping("/account/totp/start")
    String startTotp(Model model, RedirectAttributes flash) {
        Account a = own();
        if (!a.privileged() || a.totpEnabled()) {
            flash.addFlashAttribute("error", english() ? "Not available" : "不可用");
            return "redirect:/account";
        }
        TotpService.Enrolment e = totp.start(a);
        audit.record("account.totp.start", "account:" + a.id(), true, "channel=web");
        return render(model, e);
    }

    @PostMapping("/account/totp/confirm")
    String confirmTotp(@RequestParam(required = false) String code, RedirectAttributes flash) {
        Account a = own();
        if (!a.privileged() || a.totpEnabled() || a.totpSecretEnc() == null) {
            flash.addFlashAttribute("error", english() ? "Start the enrolment first" : "请先开始绑定");
        } else if (!totp.verify(a, code)) {
            flash.addFlashAttribute("error", english() ? "The code is wrong or expired; start again" : "动态验证码不正确或已过期，请重新绑定");
        } else {
            accounts.enableTotp(a.id());
            audit.record("account.totp.enable", "account:" + a.id(), true, "channel=web");
            flash.addFlashAttribute("ok", english() ? "Two-factor sign-in is on" : "已启用双因素认证");
        }
        return "redirect:/account";
    }

    @PostMapping("/account/agents")
    String addAgent(@RequestParam(required = false) String agentUsername, @RequestParam(required = false) String agentIdNumber,
                    @RequestParam(required = false) LocalDate validUntil, RedirectAttributes flash) {
        try {
            agents.add(AgentService.enterprise(), new AgentService.NewAgent(blankToNull(agentUsername), blankToNull(agentIdNumber), null, validUntil));
            flash.addFlashAttribute("ok", english() ? "Agent authorised" : "已授权经办人");
        } catch (ProblemException e) {
            flash.addFlashAttribute("error", message(e));
        }
        return "redirect:/account";
    }

    @PostMapping("/account/agents/{id}/revoke")
    String revokeAgent(@PathVariable String id, RedirectAttributes flash) {
        try {
            agents.revoke(AgentService.enterprise(), id);
            flash.addFlashAttribute("ok", english() ? "Authorisation withdrawn" : "已撤销授权");
        } catch (ProblemException e) {
            flash.addFlashAttribute("error", message(e));
        }
        return "redirect:/account";
    }

    private Account own() {
        Caller c = Callers.current();
        return accounts.byId(c.accountId()).orElseThrow(() -> ProblemException.notFound("account", c.accountId()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
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
