package org.yiwang.notification;

import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.ProblemException;

/** The caller's own inbox (站内信). Another account's message is reported as not found. */
@RestController
@RequestMapping("/api/v1/inbox")
@Tag(name = "inbox", description = "站内信 in-app messages of the signed-in account")
class InboxController {

    private final InboxStore inbox;

    InboxController(InboxStore inbox) {
        this.inbox = inbox;
    }

    @GetMapping
    @Operation(summary = "The caller's messages, newest first, with the unread count")
    Inbox.Page list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
                    @RequestParam(defaultValue = "false") boolean unreadOnly) {
        if (page < 0) {
            throw ProblemException.invalidField("page", "不能为负数", "must not be negative");
        }
        if (size < 1 || size > 100) {
            throw ProblemException.invalidField("size", "必须在 1 到 100 之间", "must be between 1 and 100");
        }
        return inbox.page(Callers.current().accountId(), unreadOnly, page, size);
    }

    @GetMapping("/{id}")
    Inbox.Message one(@PathVariable String id) {
        return inbox.find(Callers.current().accountId(), id).orElseThrow(() -> notFound(id));
    }

    @PostMapping("/{id}/read")
    @Operation(summary = "Marks one of the caller's messages read")
    Inbox.Message read(@PathVariable String id) {
        return inbox.markRead(Callers.current().accountId(), id).orElseThrow(() -> notFound(id));
    }

    /** The same answer for another account's message as for one that does not exist. */
    static ProblemException notFound(String id) {
        return new ProblemException(HttpStatus.NOT_FOUND, "not-found", "未找到消息：" + id, "Message not found: " + id);
    }

    @PostMapping("/read-all")
    Map<String, Object> readAll() {
        return Map.of("marked", inbox.markAllRead(Callers.current().accountId()));
    }
}
