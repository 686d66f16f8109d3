package org.yiwang.identity.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

import org.yiwang.identity.AccountDirectory;
import org.yiwang.identity.AccountInfo;
import org.yiwang.shared.security.CallerType;

@Service
class JdbcAccountDirectory implements AccountDirectory {

    private final AccountStore accounts;
    private final AgentStore agents;

    JdbcAccountDirectory(AccountStore accounts, AgentStore agents) {
        this.accounts = accounts;
        this.agents = agents;
    }

    static AccountInfo info(Account a) {
        String subject = a.type() == CallerType.CITIZEN ? a.personId() : a.type() == CallerType.ENTERPRISE ? a.legalEntityId() : null;
        return new AccountInfo(a.id(), a.username(), a.type(), a.displayName(), subject, a.creditCode(), a.officerId(), a.active());
    }

    @Override
    public Optional<AccountInfo> account(String accountId) {
        return accounts.byId(accountId).map(JdbcAccountDirectory::info);
    }

    @Override
    public Optional<AccountInfo> accountOfOfficer(String officerId) {
        return accounts.byOfficerId(officerId).map(JdbcAccountDirectory::info);
    }

    @Override
    public boolean mayActFor(String actorAccountId, String enterpriseAccountId, LocalDate day) {
        if (actorAccountId == null || enterpriseAccountId == null) {
            return false;
        }
        Optional<Account> enterprise = accounts.byId(enterpriseAccountId).filter(a -> a.type() == CallerType.ENTERPRISE && a.active());
        if (enterprise.isEmpty()) {
            return false;
        }
        if (actorAccountId.equals(enterpriseAccountId)) {
            return true;
        }
        return agents.ofAgent(actorAccountId).stream()
                .anyMatch(g -> g.enterpriseAccountId().equals(enterpriseAccountId) && g.validOn(day));
    }

    @Override
    public List<AccountInfo> enterprisesRepresentedBy(String agentAccountId, LocalDate day) {
        return agents.ofAgent(agentAccountId).stream().filter(g -> g.validOn(day))
                .map(g -> accounts.byId(g.enterpriseAccountId())).flatMap(Optional::stream)
                .filter(Account::active).map(JdbcAccountDirectory::info).distinct().toList();
    }
}
