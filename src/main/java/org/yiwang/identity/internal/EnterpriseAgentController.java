package org.yiwang.identity.internal;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import org.yiwang.identity.AccountDirectory;
import org.yiwang.identity.AccountInfo;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.Callers;

/**
 * An enterprise's authorised agents (授权经办人): citizen accounts allowed to act for it within a validity
 * period. Managed by the enterprise account; a citizen sees the enterprises it may act for.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Accounts 用户")
class EnterpriseAgentController {

    private final AgentService service;
    private final AccountDirectory directory;

    EnterpriseAgentController(AgentService service, AccountDirectory directory) {
        this.service = service;
        this.directory = directory;
    }

    @GetMapping("/enterprise/agents")
    @Transactional(readOnly = true)
    @Operation(summary = "The signed-in enterprise's authorised agents")
    List<AgentService.AgentView> list() {
        return service.list(AgentService.enterprise());
    }

    @PostMapping("/enterprise/agents")
    @Transactional
    @Operation(summary = "Authorise a citizen account to act for the signed-in enterprise for a period")
    ResponseEntity<AgentService.AgentView> add(@RequestBody AgentService.NewAgent body) {
        Caller c = AgentService.enterprise();
        AgentService.AgentView v = service.add(c, body);
        return ResponseEntity.created(URI.create("/api/v1/enterprise/agents/" + v.id())).body(v);
    }

    @DeleteMapping("/enterprise/agents/{id}")
    @Transactional
    @Operation(summary = "Withdraw an agent's authorisation")
    ResponseEntity<Void> revoke(@PathVariable String id) {
        service.revoke(AgentService.enterprise(), id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/me/represented-enterprises")
    @Transactional(readOnly = true)
    @Operation(summary = "Enterprises the signed-in citizen may act for today")
    List<AccountInfo> represented() {
        Caller c = Callers.current();
        return directory.enterprisesRepresentedBy(c.accountId(), LocalDate.now());
    }
}
