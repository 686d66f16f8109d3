package org.yiwang.identity.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.yiwang.audit.AuditLog;
import org.yiwang.crypto.PersonalDataKind;
import org.yiwang.crypto.PersonalDataVault;
import org.yiwang.shared.ids.ChineseIds;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.CallerType;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.ProblemException;

/** An enterprise's authorised agents (授权经办人): adding (validated, no overlapping periods), listing, withdrawing. */
@Service
class AgentService {

    static final int MAX_YEARS = 5;

    private final AgentStore agents;
    private final AccountStore accounts;
    private final PersonalDataVault vault;
    private final AuditLog audit;

    AgentService(AgentStore agents, AccountStore accounts, PersonalDataVault vault, AuditLog audit) {
        this.agents = agents;
        this.accounts = accounts;
        this.vault = vault;
        this.audit = audit;
    }

    /** Who to authorise: a citizen account by username or by 居民身份证号; from today unless {@code validFrom} is given. */
    record NewAgent(String agentUsername, String agentIdNumber, LocalDate validFrom, LocalDate validUntil) {
    }

    record AgentView(String id, String agentAccountId, String agentUsername, String agentDisplayName, LocalDate validFrom,
                     LocalDate validUntil, boolean revoked, boolean validToday) {
    }

    /** The current caller, who must be an enterprise account. */
    static Caller enterprise() {
        Caller c = Callers.current();
        if (c.type() != CallerType.ENTERPRISE) {
            throw ProblemException.forbidden("仅企业账号可以管理经办人", "Only enterprise accounts manage their agents");
        }
        return c;
    }

    @Transactional(readOnly = true)
    List<AgentView> list(Caller enterprise) {
        return agents.ofEnterprise(enterprise.accountId()).stream().map(this::view).toList();
    }

    @Transactional
    AgentView add(Caller enterprise, NewAgent body) {
        if (body == null) {
            throw ProblemException.invalidField("body", "必须提供", "is required");
        }
        List<FieldViolation> bad = new ArrayList<>();
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
                .orElseThrow(() -> new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "agent-not-found", "没有该市民账号", "No such citizen account",
                        List.of(new FieldViolation(byName ? "agentUsername" : "agentIdNumber", "不是已注册的市民账号", "is not a registered citizen account"))));
        boolean overlapping = agents.ofEnterprise(enterprise.accountId()).stream()
                .anyMatch(g -> g.revokedAt() == null && g.agentAccountId().equals(agent.id())
                        && !g.validUntil().isBefore(from) && !body.validUntil().isBefore(g.validFrom()));
        if (overlapping) {
            throw ProblemException.conflict("agent-exists", "该经办人在此期间已获授权", "The agent is already authorised for an overlapping period");
        }
        String id = UUID.randomUUID().toString();
        agents.insert(id, enterprise.accountId(), agent.id(), from, body.validUntil());
        audit.record("enterprise.agent.add", "account:" + enterprise.accountId(), true, "agent=account:" + agent.id() + " until=" + body.validUntil());
        return view(agents.byId(id).orElseThrow());
    }

    @Transactional
    void revoke(Caller enterprise, String id) {
        AgentStore.Agent g = agents.byId(id).filter(x -> x.enterpriseAccountId().equals(enterprise.accountId()))
                .orElseThrow(() -> ProblemException.notFound("agent", id));
        if (!agents.revoke(g.id())) {
            throw ProblemException.conflict("agent-revoked", "该授权已撤销", "The authorisation was already withdrawn");
        }
        audit.record("enterprise.agent.revoke", "account:" + enterprise.accountId(), true, "agent=account:" + g.agentAccountId());
    }

    private AgentView view(AgentStore.Agent g) {
        Account a = accounts.byId(g.agentAccountId()).orElseThrow();
        return new AgentView(g.id(), a.id(), a.username(), a.displayName(), g.validFrom(), g.validUntil(), g.revokedAt() != null,
                g.validOn(LocalDate.now()));
    }
}
