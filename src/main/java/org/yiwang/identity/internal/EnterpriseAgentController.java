package org.yiwang.identity.internal;

import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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

import org.yiwang.audit.AuditLog;
import org.yiwang.crypto.PersonalDataKind;
import org.yiwang.crypto.PersonalDataVault;
import org.yiwang.identity.AccountDirectory;
import org.yiwang.identity.AccountInfo;
import org.yiwang.shared.ids.ChineseIds;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.CallerType;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.ProblemException;

/**
 * An enterprise's authorised agents (授权经办人): citizen accounts allowed to act for it within a validity
 * period. Managed by the enterprise account; a citizen sees the enterprises it may act for.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Accounts 用户")
class EnterpriseAgentController {

    static final int MAX_YEARS = 5;

    private final AgentStore agents;
    private final AccountStore accounts;
    private final AccountDirectory directory;
    private final PersonalDataVault vault;
    private final AuditLog audit;

    EnterpriseAgentController(AgentStore agents, AccountStore accounts, AccountDirectory directory, PersonalDataVault vault, AuditLog audit) {
        this.agents = agents;
        this.accounts = accounts;
        this.directory = directory;
        this.vault = vault;
        this.audit = audit;
    }

    /** Who to authorise: a citizen account by username or by 居民身份证号. */
    record NewAgent(String agentUsername, String agentIdNumber, LocalDate validFrom, LocalDate validUntil) {
    }

    record AgentView(String id, String agentAccountId, String agentUsername, String agentDisplayName, LocalDate validFrom,
                     LocalDate validUntil, boolean revoked, boolean validToday) {
    }

    @GetMapping("/enterprise/agents")
    @Transactional(readOnly = true)
    @Operation(summary = "The signed-in enterprise's authorised agents")
    List<AgentView> list() {
        Caller c = enterprise();
        return agents.ofEnterprise(c.accountId()).stream().map(this::view).toList();
    }

    @PostMapping("/enterprise/agents")
    @Transactional
    @Operation(summary = "Authorise a citizen account to act for the signed-in enterprise for a period")
    ResponseEntity<AgentView> add(@RequestBody NewAgent body) {
        Caller c = enterprise();
        List<FieldViolation> bad = new ArrayList<>();
        if (body == null) {
            throw ProblemException.invalidField("body", "必须提供", "is required");
        }
        boolean byName = body.agentUsername() != null && !body.agentUsername().isBlank();
        boolean byId = body.agentIdNumber() != null && !body.agentIdNumber().isBlank();
        if (byName == byId) {
            bad.add(new FieldViolation("agentUsername", "须且只能提供 agentUsername 或 agentIdNumber 之一",
                    "give exactly one of agentUsername and agentIdNumber"));
        }
        if (byId && !ChineseIds.isValidResidentId(ChineseIds.normaliseResidentId(body.agentIdNumber()))) {
            bad.add(new FieldViolation("agentIdNumber", "不是有效的居民身份证号", "is not a valid resident ID number"));
        }
        LocalDate today = LocalDate.now();
        LocalDate from = body.validFrom() == null ? today : body.validFrom();
        if (body.validUntil() == null) {
            bad.add(new FieldViolation("validUntil", "必须填写", "is required"));
        } else if (body.validUntil().isBefore(from)) {
            bad.add(new FieldViolation("validUntil", "不能早于 validFrom", "must not be before validFrom"));
        } else if (body.validUntil().isBefore(today)) {
            bad.add(new FieldViolation("validUntil", "不能早于今天", "must not be in the past"));
        } else if (body.validUntil().isAfter(from.plusYears(MAX_YEARS))) {
            bad.add(new FieldViolation("validUntil", "授权期限不能超过 " + MAX_YEARS + " 年", "the authorisation may last at most " + MAX_YEARS + " years"));
        }
        if (!bad.isEmpty()) {
            throw ProblemException.invalidFields(bad);
        }
        Account agent = (byName ? accounts.byUsername(body.agentUsername())
                : accounts.byIdNumberIndex(vault.blindIndex(PersonalDataKind.ID_NUMBER, body.agentIdNumber())))
                .filter(a -> a.type() == CallerType.CITIZEN && a.active())
                .orElseThrow(() -> new ProblemException(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT, "agent-not-found",
                        "没有该市民账号", "No such citizen account",
                        List.of(new FieldViolation(byName ? "agentUsername" : "agentIdNumber", "不是已注册的市民账号", "is not a registered citizen account"))));
        boolean overlapping = agents.ofEnterprise(c.accountId()).stream()
                .anyMatch(g -> g.revokedAt() == null && g.agentAccountId().equals(agent.id())
                        && !g.validUntil().isBefore(from) && !body.validUntil().isBefore(g.validFrom()));
        if (overlapping) {
            throw ProblemException.conflict("agent-exists", "该经办人在此期间已获授权", "The agent is already authorised for an overlapping period");
        }
        String id = UUID.randomUUID().toString();
        agents.insert(id, c.accountId(), agent.id(), from, body.validUntil());
        audit.record("enterprise.agent.add", "account:" + c.accountId(), true, "agent=account:" + agent.id() + " until=" + body.validUntil());
        return ResponseEntity.created(URI.create("/api/v1/enterprise/agents/" + id)).body(view(agents.byId(id).orElseThrow()));
    }

    @DeleteMapping("/enterprise/agents/{id}")
    @Transactional
    @Operation(summary = "Withdraw an agent's authorisation")
    ResponseEntity<Void> revoke(@PathVariable String id) {
        Caller c = enterprise();
        AgentStore.Agent g = agents.byId(id).filter(x -> x.enterpriseAccountId().equals(c.accountId()))
                .orElseThrow(() -> ProblemException.notFound("agent", id));
        if (!agents.revoke(g.id())) {
            throw ProblemException.conflict("agent-revoked", "该授权已撤销", "The authorisation was already withdrawn");
        }
        audit.record("enterprise.agent.revoke", "account:" + c.accountId(), true, "agent=account:" + g.agentAccountId());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/me/represented-enterprises")
    @Transactional(readOnly = true)
    @Operation(summary = "Enterprises the signed-in citizen may act for today")
    List<AccountInfo> represented() {
        Caller c = Callers.current();
        return directory.enterprisesRepresentedBy(c.accountId(), LocalDate.now());
    }

    private AgentView view(AgentStore.Agent g) {
        Account a = accounts.byId(g.agentAccountId()).orElseThrow();
        return new AgentView(g.id(), a.id(), a.username(), a.displayName(), g.validFrom(), g.validUntil(), g.revokedAt() != null,
                g.validOn(LocalDate.now()));
    }

    private static Caller enterprise() {
        Caller c = Callers.current();
        if (c.type() != CallerType.ENTERPRISE) {
            throw ProblemException.forbidden("仅企业账号可以管理经办人", "Only enterprise accounts manage their agents");
        }
        return c;
    }
}
