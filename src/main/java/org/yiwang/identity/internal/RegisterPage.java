package org.yiwang.identity.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.ProblemException;

/** The citizen self-registration page ({@code /register}): the same rules as {@code POST /api/v1/citizens}. */
@Controller
class RegisterPage {

    private final AccountService service;

    RegisterPage(AccountService service) {
        this.service = service;
    }

    /** The form's fields (the password is never sent back to the page). */
    static final class Form {
        public String username;
        public String password;
        public String passwordRepeat;
        public String name;
        public String idNumber;
        public String phone;

        public String getUsername() { return username; }
        public void setUsername(String v) { username = v; }
        public String getPassword() { return password; }
        public void setPassword(String v) { password = v; }
        public String getPasswordRepeat() { return passwordRepeat; }
        public void setPasswordRepeat(String v) { passwordRepeat = v; }
        public String getName() { return name; }
        public void setName(String v) { name = v; }
        public String getIdNumber() { return idNumber; }
        public void setIdNumber(String v) { idNumber = v; }
        public String getPhone() { return phone; }
        public void setPhone(String v) { phone = v; }
    }

    @GetMapping("/register")
    String form(Model model) {
        if (Callers.find().isPresent()) {
            return "redirect:/";
        }
        model.addAttribute("form", new Form());
        model.addAttribute("errors", Map.of());
        return "identity/register";
    }

    @PostMapping("/register")
    String register(@ModelAttribute("form") Form form, Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        boolean english = LocaleContextHolder.getLocale().getLanguage().equals(Locale.ENGLISH.getLanguage());
        if (form.password != null && !form.password.equals(form.passwordRepeat)) {
            errors.put("passwordRepeat", english ? "Passwords do not match" : "两次输入的密码不一致");
        } else {
            try {
                service.registerCitizen(new AccountService.CitizenRegistration(form.username, form.password, form.name, form.idNumber, form.phone));
                return "redirect:/login?registered";
            } catch (ProblemException e) {
                if (e.violations().isEmpty()) {
                    errors.put("form", english ? e.messageEn() : e.messageZh());
                }
                for (FieldViolation v : e.violations()) {
                    errors.merge(v.field(), english ? v.messageEn() : v.messageZh(), (a, b) -> a + "; " + b);
                }
            }
        }
        form.password = null;
        form.passwordRepeat = null;
        model.addAttribute("errors", errors);
        return "identity/register";
    }
}
