package org.yiwang.web;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ResponseStatusException;

import org.yiwang.identity.AccountDirectory;
import org.yiwang.identity.AccountInfo;
import org.yiwang.organization.Department;
import org.yiwang.organization.OrganizationDirectory;
import org.yiwang.organization.Region;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.CallerType;
import org.yiwang.shared.security.Callers;

/** The three home pages and the public landing page. */
@Controller
class HomeController {

    private final ShellLinks links;
    private final AccountDirectory accounts;
    private final OrganizationDirectory organization;

    HomeController(ShellLinks links, AccountDirectory accounts, OrganizationDirectory organization) {
        this.links = links;
        this.accounts = accounts;
        this.organization = organization;
    }

    /** One line of the officer's assignments: department, region and roles (任职). */
    record AssignmentLine(String department, String region, List<String> roles) {
    }

    @GetMapping("/")
    String landing() {
        return Callers.find().map(HomeController::homeOf).map(h -> "redirect:" + h).orElse("web/landing");
    }

    /** The home page of a caller's kind of account. */
    static String homeOf(Caller c) {
        return switch (c.type()) {
            case CITIZEN, ENTERPRISE -> "/portal";
            case OFFICER -> "/workbench";
            case ADMIN, SYSTEM -> "/admin";
        };
    }

    /** 办事大厅: the citizen and enterprise portal home. */
    @GetMapping("/portal")
    String portal(Model model) {
        Caller c = Callers.current();
        if (c.type() != CallerType.CITIZEN && c.type() != CallerType.ENTERPRISE) {
            return "redirect:" + homeOf(c);
        }
        model.addAttribute("links", links.visibleTo(c, ShellLinks.Area.PORTAL));
        return "web/portal";
    }

    /** 工作台: the officer workbench home. */
    @GetMapping("/workbench")
    String workbench(Model model) {
        Caller c = Callers.current();
        if (c.type() != CallerType.OFFICER) {
            return "redirect:" + homeOf(c);
        }
        model.addAttribute("links", links.visibleTo(c, ShellLinks.Area.WORKBENCH));
        model.addAttribute("roles", new ArrayList<>(c.roles()).stream().sorted().toList());
        model.addAttribute("assignments", accounts.account(c.accountId()).map(AccountInfo::officerId)
                .map(organization::assignments).orElse(List.of()).stream()
                .map(a -> new AssignmentLine(
                        organization.department(a.departmentId()).map(Department::name).orElse(a.departmentId()),
                        organization.region(a.regionCode()).map(Region::name).orElse(a.regionCode()),
                        a.roles().stream().sorted().toList()))
                .toList());
        return "web/workbench";
    }

    /** The admin area's home: every administration page the caller may use. */
    @GetMapping("/admin")
    String admin(Model model) {
        Caller c = Callers.current();
        List<ShellLinks.Link> visible = links.visibleTo(c, ShellLinks.Area.ADMIN);
        if (c.type() != CallerType.ADMIN && visible.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        model.addAttribute("links", visible);
        return "web/admin";
    }
}
