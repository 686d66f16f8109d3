package org.yiwang.notification;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import org.yiwang.shared.security.Callers;

/** The inbox web page {@code /inbox} (Thymeleaf + htmx): list, mark one or all read. */
@Controller
class InboxPage {

    /** Times are shown in the city's zone. */
    static final java.time.ZoneId ZONE = java.time.ZoneId.of("Asia/Shanghai");

    private final InboxStore inbox;

    InboxPage(InboxStore inbox) {
        this.inbox = inbox;
    }

    @GetMapping("/inbox")
    String page(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "false") boolean unread, Model model) {
        String accountId = Callers.current().accountId();
        model.addAttribute("inbox", inbox.page(accountId, unread, Math.max(page, 0), 20));
        model.addAttribute("unreadOnly", unread);
        model.addAttribute("zone", ZONE);
        return "notification/inbox";
    }

    @PostMapping("/inbox/{id}/read")
    String read(@PathVariable String id, @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        String accountId = Callers.current().accountId();
        Inbox.Message m = inbox.markRead(accountId, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (htmx == null) {
            return "redirect:/inbox";
        }
        model.addAttribute("m", m);
        model.addAttribute("zone", ZONE);
        model.addAttribute("unread", inbox.unreadCount(accountId));
        return "notification/inbox :: message";
    }

    @PostMapping("/inbox/read-all")
    String readAll() {
        inbox.markAllRead(Callers.current().accountId());
        return "redirect:/inbox";
    }
}
