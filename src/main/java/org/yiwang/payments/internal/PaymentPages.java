package org.yiwang.payments.internal;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.yiwang.organization.Department;
import org.yiwang.organization.OrganizationDirectory;
import org.yiwang.payments.Bill;
import org.yiwang.payments.PaymentGateway;
import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.ProblemException;

/**
 * Phone-friendly pages: 我的缴费 ({@code /portal/payments}: the payer's bills, pay button) and the simulator gateway's
 * page ({@code /pay/sim/{billNo}}) where the payer confirms; the simulated bank then calls the platform back over HTTP
 * with a signed notification, exactly like a real channel.
 */
@Controller
class PaymentPages {

    /** A bill with the department's name. */
    record Row(Bill bill, String departmentName) {
    }

    private final PaymentService service;
    private final Gateways gateways;
    private final ObjectProvider<SimulatorBank> bank;
    private final OrganizationDirectory directory;

    PaymentPages(PaymentService service, Gateways gateways, ObjectProvider<SimulatorBank> bank, OrganizationDirectory directory) {
        this.service = service;
        this.gateways = gateways;
        this.bank = bank;
        this.directory = directory;
    }

    /** The simulated bank; 404 when the simulator is switched off ({@code yiwang.payments.simulator.enabled=false}). */
    private SimulatorBank simulator() {
        SimulatorBank b = bank.getIfAvailable();
        if (b == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return b;
    }

    private Row row(Bill b) {
        return new Row(b, directory.department(b.departmentId()).map(Department::name).orElse(b.departmentId()));
    }

    @GetMapping("/portal/payments")
    String mine(Model model) {
        List<Row> rows = service.list(null, null, true, 200).stream().map(this::row).toList();
        model.addAttribute("rows", rows);
        return "payments/mine";
    }

    @PostMapping("/portal/payments/{billNo}/pay")
    String pay(@PathVariable String billNo, RedirectAttributes redirect) {
        try {
            Bill b = service.payable(billNo);
            PaymentGateway g = gateways.choose(null);
            return "redirect:" + g.paymentPage(b, "/portal/payments");
        } catch (ProblemException e) {
            redirect.addFlashAttribute("error", message(e));
            return "redirect:/portal/payments";
        }
    }

    @GetMapping("/pay/sim/{billNo}")
    String simulator(@PathVariable String billNo, Model model, RedirectAttributes redirect) {
        simulator();
        try {
            model.addAttribute("row", row(service.payable(billNo)));
            return "payments/simulator";
        } catch (ProblemException e) {
            redirect.addFlashAttribute("error", message(e));
            return "redirect:/portal/payments";
        }
    }

    @PostMapping("/pay/sim/{billNo}/confirm")
    String confirm(@PathVariable String billNo, RedirectAttributes redirect) {
        SimulatorBank simulatedBank = simulator();
        try {
            Bill b = service.payable(billNo);
            SimulatorBank.CallbackResult r = simulatedBank.pay(b);
            if (r.status() == 200) {
                redirect.addFlashAttribute("paid", b.billNo());
            } else {
                redirect.addFlashAttribute("error", r.status() + " " + r.body());
            }
        } catch (ProblemException e) {
            redirect.addFlashAttribute("error", message(e));
        }
        return "redirect:/portal/payments";
    }

    static String message(ProblemException e) {
        boolean en = "en".equals(LocaleContextHolder.getLocale().getLanguage());
        StringBuilder b = new StringBuilder(en ? e.messageEn() : e.messageZh());
        for (FieldViolation v : e.violations()) {
            b.append(en ? "; " : "；").append(v.field()).append(en ? ": " : "：").append(en ? v.messageEn() : v.messageZh());
        }
        return b.toString();
    }
}
