package org.yiwang.licenses.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.CallerType;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.ProblemException;

/** Pages: the public verify page (验证), 我的证照 on the portal, and the officers' license list with revocation. */
@Controller
class LicensesPages {

    private final LicenseService service;
    private final LicenseDocuments documents;

    LicensesPages(LicenseService service, LicenseDocuments documents) {
        this.service = service;
        this.documents = documents;
    }

    @GetMapping("/licenses/verify")
    String verifyForm(@RequestParam(required = false) String id) {
        if (id != null && !id.isBlank()) {
            return "redirect:/licenses/verify/" + URLEncoder.encode(id.trim(), StandardCharsets.UTF_8);
        }
        return "licenses/verify";
    }

    @GetMapping("/licenses/verify/{id}")
    String verify(@PathVariable String id, Model model, HttpServletResponse response) {
        model.addAttribute("id", id);
        try {
            LicenseService.Verification v = service.verify(id);
            model.addAttribute("result", v);
            model.addAttribute("holderName", LicenseService.publicHolderName(v.license()));
        } catch (ProblemException e) {
            response.setStatus(e.status().value());
            model.addAttribute("error", message(e));
            model.addAttribute("errorCode", e.code());
        }
        return "licenses/verify";
    }

    @GetMapping("/portal/licenses")
    String mine(Model model) {
        Caller c = Callers.current();
        if (c.type() != CallerType.CITIZEN && c.type() != CallerType.ENTERPRISE) {
            return "redirect:/workbench/licenses";
        }
        model.addAttribute("licenses", service.visible(c, null, 200));
        return "licenses/mine";
    }

    @GetMapping({"/portal/licenses/{id}/document", "/workbench/licenses/{id}/document"})
    ResponseEntity<byte[]> document(@PathVariable String id) {
        byte[] pdf = documents.render(Callers.current(), id);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename("license.pdf").build().toString())
                .body(pdf);
    }

    @GetMapping("/workbench/licenses")
    String officers(@RequestParam(required = false) String type, Model model) {
        Caller c = Callers.current();
        if (c.type() != CallerType.OFFICER && c.type() != CallerType.ADMIN) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        if (!c.can("license:read")) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        model.addAttribute("licenses", service.visible(c, type, 200));
        model.addAttribute("types", service.types());
        model.addAttribute("type", type);
        model.addAttribute("canRevoke", c.can(org.yiwang.licenses.Licenses.REVOKE));
        return "licenses/officers";
    }

    @PostMapping("/workbench/licenses/{id}/revoke")
    String revoke(@PathVariable String id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        try {
            service.revoke(id, reason);
            redirect.addFlashAttribute("done", id);
        } catch (ProblemException e) {
            redirect.addFlashAttribute("error", message(e));
        }
        return "redirect:/workbench/licenses";
    }

    /** The problem's message in the page's language, with the fields it names. */
    static String message(ProblemException e) {
        boolean en = "en".equals(LocaleContextHolder.getLocale().getLanguage());
        StringBuilder b = new StringBuilder(en ? e.messageEn() : e.messageZh());
        for (var v : e.violations()) {
            b.append(en ? "; " : "；").append(v.field()).append(en ? ": " : "：").append(en ? v.messageEn() : v.messageZh());
        }
        return b.toString();
    }
}
