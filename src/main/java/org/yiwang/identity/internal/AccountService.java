package org.yiwang.identity.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.yiwang.audit.AuditLog;
import org.yiwang.crypto.Masking;
import org.yiwang.crypto.PersonalDataKind;
import org.yiwang.crypto.PersonalDataVault;
import org.yiwang.crypto.Protected;
import org.yiwang.notification.Channel;
import org.yiwang.notification.NotificationRequested;
import org.yiwang.organization.Officer;
import org.yiwang.organization.OrganizationDirectory;
import org.yiwang.shared.ids.ChineseIds;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.CallerType;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.ProblemException;

/**
 * Creating accounts: citizens (实名 against the person registry), enterprises (bound to a 统一社会信用代码,
 * checked against the legal-entity registry), officers (linked to an organization officer) and administrators.
 * Every input is validated first and all bad fields are reported together; nothing is written on bad input.
 */
@Service
class AccountService {

    static final Pattern USERNAME = Pattern.compile("^[A-Za-z][A-Za-z0-9._-]{2,63}$");
    static final Pattern MOBILE = Pattern.compile("^1[3-9]\\d{9}$");
    static final String ACCOUNT_MANAGE = "account:manage";

    private final AccountStore accounts;
    private final PasswordEncoder passwords;
    private final PersonalDataVault vault;
    private final RegistryChecks registries;
    private final OrganizationDirectory organization;
    private final AuditLog audit;
    private final TokenService tokens;
    private final ApplicationEventPublisher events;
    private static final DateTimeFormatter NOTICE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));

    AccountService(AccountStore accounts, PasswordEncoder passwords, PersonalDataVault vault, RegistryChecks registries,
                   OrganizationDirectory organization, AuditLog audit, TokenService tokens, ApplicationEventPublisher events) {
        this.events = events;
        this.accounts = accounts;
        this.passwords = passwords;
        this.vault = vault;
        this.registries = registries;
        this.organization = organization;
        this.audit = audit;
        this.tokens = tokens;
    }

    record CitizenRegistration(String username, String password, String name, String idNumber, String phone) {
    }

    record EnterpriseRegistration(String username, String password, String creditCode, String entityName, String legalRepName,
                                  String legalRepIdNumber) {
    }

    record StaffAccount(String type, String username, String password, String officerId, String displayName) {
    }

    /** Registers a citizen; returns the new account id. */
    @Transactional
    String registerCitizen(CitizenRegistration r) {
        List<FieldViolation> bad = new ArrayList<>();
        checkUsername(r.username(), bad);
        addIfBad(bad, PasswordPolicy.check("password", r.password(), r.username()));
        String name = r.name() == null ? null : r.name().trim();
        if (name == null || name.isEmpty()) {
            bad.add(new FieldViolation("name", "必须填写", "is required"));
        } else if (name.length() > 50) {
            bad.add(new FieldViolation("name", "长度不能超过 50", "must be at most 50 characters"));
        }
        String idNumber = ChineseIds.normaliseResidentId(r.idNumber());
        if (idNumber == null || idNumber.isEmpty()) {
            bad.add(new FieldViolation("idNumber", "必须填写", "is required"));
        } else if (!ChineseIds.isValidResidentId(idNumber)) {
            bad.add(new FieldViolation("idNumber", "不是有效的居民身份证号（GB 11643 校验失败）", "is not a valid resident ID number (GB 11643)"));
        }
        String phone = r.phone() == null ? null : r.phone().replaceAll("[\\s-]", "");
        if (phone == null || phone.isEmpty()) {
            bad.add(new FieldViolation("phone", "必须填写", "is required"));
        } else if (!MOBILE.matcher(phone).matches()) {
            bad.add(new FieldViolation("phone", "不是有效的手机号码", "is not a valid mobile phone number"));
        }
        if (!bad.isEmpty()) {
            throw ProblemException.invalidFields(bad);
        }
        requireFreeUsername(r.username());
        String idBidx = vault.blindIndex(PersonalDataKind.ID_NUMBER, idNumber);
        if (accounts.byIdNumberIndex(idBidx).isPresent()) {
            throw ProblemException.conflict("id-number-registered", "该居民身份证号已注册账号", "An account is already registered for this ID number");
        }
        Optional<RegistryChecks.PersonMatch> person = registries.person(idNumber);
        if (person.isPresent() && !person.get().name().equals(name)) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "real-name-mismatch", "姓名与人口库登记的不一致",
                    "The name does not match the population registry",
                    List.of(new FieldViolation("name", "与居民身份证号登记的姓名不一致", "does not match the name registered for the ID number")));
        }
        String id = UUID.randomUUID().toString();
        Protected nameEnc = vault.protect(PersonalDataKind.NAME, name);
        Protected idEnc = vault.protect(PersonalDataKind.ID_NUMBER, idNumber);
        Protected phoneEnc = vault.protect(PersonalDataKind.PHONE, phone);
        String level = person.isPresent() ? Account.REGISTRY_VERIFIED : Account.SELF_DECLARED;
        insert(new AccountStore.NewAccount(id, r.username(), CallerType.CITIZEN, Masking.mask(PersonalDataKind.NAME, name),
                passwords.encode(r.password()), level, nameEnc.cipherText(), idEnc.cipherText(), idEnc.blindIndex(), phoneEnc.cipherText(),
                phoneEnc.blindIndex(), person.map(RegistryChecks.PersonMatch::id).orElse(null), null, null, null, null, null, null, null));
        audit.recordAs(id, AccountStore.normaliseUsername(r.username()), "account.register", "account:" + id, true,
                "type=CITIZEN realNameLevel=" + level);
        // delivered after commit through the event publication registry: a failed registration never welcomes anyone
        events.publishEvent(NotificationRequested.inApp("account.registered", List.of(id),
                Map.of("name", Masking.mask(PersonalDataKind.NAME, name), "username", AccountStore.normaliseUsername(r.username())), "/portal"));
        return id;
    }

    /** Registers an enterprise account for its legal representative; returns the new account id. */
    @Transactional
    String registerEnterprise(EnterpriseRegistration r, String cityRegionPrefix) {
        List<FieldViolation> bad = new ArrayList<>();
        checkUsername(r.username(), bad);
        addIfBad(bad, PasswordPolicy.check("password", r.password(), r.username()));
        String code = r.creditCode() == null ? null : r.creditCode().trim().toUpperCase(java.util.Locale.ROOT);
        if (code == null || code.isEmpty()) {
            bad.add(new FieldViolation("creditCode", "必须填写", "is required"));
        } else if (!ChineseIds.isValidCreditCode(code)) {
            bad.add(new FieldViolation("creditCode", "不是有效的统一社会信用代码（GB 32100 校验失败）", "is not a valid unified social credit code (GB 32100)"));
        }
        String entityName = r.entityName() == null ? null : r.entityName().trim();
        if (entityName == null || entityName.isEmpty()) {
            bad.add(new FieldViolation("entityName", "必须填写", "is required"));
        } else if (entityName.length() > 200) {
            bad.add(new FieldViolation("entityName", "长度不能超过 200", "must be at most 200 characters"));
        }
        String repName = r.legalRepName() == null ? null : r.legalRepName().trim();
        if (repName == null || repName.isEmpty()) {
            bad.add(new FieldViolation("legalRepName", "必须填写", "is required"));
        } else if (repName.length() > 50) {
            bad.add(new FieldViolation("legalRepName", "长度不能超过 50", "must be at most 50 characters"));
        }
        String repId = ChineseIds.normaliseResidentId(r.legalRepIdNumber());
        if (repId == null || repId.isEmpty()) {
            bad.add(new FieldViolation("legalRepIdNumber", "必须填写", "is required"));
        } else if (!ChineseIds.isValidResidentId(repId)) {
            bad.add(new FieldViolation("legalRepIdNumber", "不是有效的居民身份证号（GB 11643 校验失败）", "is not a valid resident ID number (GB 11643)"));
        }
        if (!bad.isEmpty()) {
            throw ProblemException.invalidFields(bad);
        }
        requireFreeUsername(r.username());
        if (accounts.byCreditCode(code).isPresent()) {
            throw ProblemException.conflict("credit-code-registered", "该统一社会信用代码已注册账号",
                    "An account is already registered for this unified social credit code");
        }
        Optional<RegistryChecks.EntityMatch> entity = registries.entity(code);
        if (entity.isEmpty() && cityRegionPrefix != null && code.substring(2, 8).startsWith(cityRegionPrefix)) {
            // registered in this city: the city's legal-entity registry is authoritative and must hold it
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "credit-code-not-registered", "法人库中没有该统一社会信用代码",
                    "The legal-entity registry holds no entity with this code",
                    List.of(new FieldViolation("creditCode", "法人库中不存在", "not in the legal-entity registry")));
        }
        if (entity.isPresent()) {
            RegistryChecks.EntityMatch e = entity.get();
            List<FieldViolation> mismatch = new ArrayList<>();
            if (!e.name().equals(entityName)) {
                mismatch.add(new FieldViolation("entityName", "与法人库登记的名称不一致", "does not match the registered name"));
            }
            if (e.legalRepName() != null && !e.legalRepName().equals(repName)) {
                mismatch.add(new FieldViolation("legalRepName", "与法人库登记的法定代表人不一致", "does not match the registered legal representative"));
            }
            if (e.legalRepIdIndex() != null && !e.legalRepIdIndex().equals(vault.blindIndex(PersonalDataKind.ID_NUMBER, repId))) {
                mismatch.add(new FieldViolation("legalRepIdNumber", "与法人库登记的法定代表人证件号不一致",
                        "does not match the registered legal representative's ID number"));
            }
            if (!mismatch.isEmpty()) {
                throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "real-name-mismatch", "与法人库登记的信息不一致",
                        "The details do not match the legal-entity registry", mismatch);
            }
            if (!e.active()) {
                throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "entity-not-active", "该主体不是存续状态，不能注册",
                        "The entity is not active (deregistered, revoked or moved out)",
                        List.of(new FieldViolation("creditCode", "主体非存续状态", "the entity is not active")));
            }
        }
        String id = UUID.randomUUID().toString();
        Protected repNameEnc = vault.protect(PersonalDataKind.NAME, repName);
        Protected repIdEnc = vault.protect(PersonalDataKind.ID_NUMBER, repId);
        insert(new AccountStore.NewAccount(id, r.username(), CallerType.ENTERPRISE, entityName, passwords.encode(r.password()),
                entity.isPresent() ? Account.REGISTRY_VERIFIED : Account.SELF_DECLARED, null, null, null, null, null, null, code,
                entityName, entity.map(RegistryChecks.EntityMatch::id).orElse(null), repNameEnc.cipherText(), repIdEnc.cipherText(),
                repIdEnc.blindIndex(), null));
        audit.recordAs(id, AccountStore.normaliseUsername(r.username()), "account.register", "account:" + id, true,
                "type=ENTERPRISE creditCode=" + code);
        return id;
    }

    /**
     * An officer or administrator account, created by a caller with {@code account:manage}: administrators
     * create both kinds; region administrators only officer accounts for officers assigned inside their regions.
     */
    @Transactional
    String createStaffAccount(StaffAccount r, Caller creator) {
        if (!creator.can(ACCOUNT_MANAGE)) {
            throw ProblemException.forbidden("缺少权限：" + ACCOUNT_MANAGE, "Missing permission: " + ACCOUNT_MANAGE);
        }
        List<FieldViolation> bad = new ArrayList<>();
        CallerType type = null;
        if (r.type() == null || !(r.type().equals("OFFICER") || r.type().equals("ADMIN"))) {
            bad.add(new FieldViolation("type", "须为 OFFICER 或 ADMIN", "must be OFFICER or ADMIN"));
        } else {
            type = CallerType.valueOf(r.type());
        }
        checkUsername(r.username(), bad);
        addIfBad(bad, PasswordPolicy.check("password", r.password(), r.username()));
        Officer officer = null;
        if (type == CallerType.OFFICER) {
            if (r.officerId() == null || r.officerId().isBlank()) {
                bad.add(new FieldViolation("officerId", "必须填写", "is required"));
            } else {
                officer = organization.officer(r.officerId()).orElse(null);
                if (officer == null) {
                    bad.add(new FieldViolation("officerId", "工作人员不存在", "no such officer"));
                } else if (!officer.active()) {
                    bad.add(new FieldViolation("officerId", "该工作人员已离岗", "the officer is no longer active"));
                }
            }
        }
        if (type == CallerType.ADMIN && (r.displayName() == null || r.displayName().isBlank())) {
            bad.add(new FieldViolation("displayName", "必须填写", "is required"));
        }
        if (!bad.isEmpty()) {
            throw ProblemException.invalidFields(bad);
        }
        if (type == CallerType.ADMIN && creator.type() != CallerType.ADMIN && creator.type() != CallerType.SYSTEM) {
            throw ProblemException.forbidden("只有系统管理员可以创建管理员账号", "Only administrators create administrator accounts");
        }
        if (officer != null && !officerInScope(officer.id(), creator)) {
            throw ProblemException.forbidden("该工作人员不在您的管理范围内", "The officer is outside your scope");
        }
        requireFreeUsername(r.username());
        if (officer != null && accounts.byOfficerId(officer.id()).isPresent()) {
            throw ProblemException.conflict("officer-has-account", "该工作人员已有账号", "The officer already has an account");
        }
        String id = UUID.randomUUID().toString();
        String display = officer != null ? officer.name() : r.displayName().trim();
        insert(AccountStore.NewAccount.basic(id, r.username(), type, display, passwords.encode(r.password()))
                .withOfficer(officer == null ? null : officer.id()));
        audit.recordAs(creator.accountId(), creator.username(), "account.create", "account:" + id, true,
                "type=" + type + (officer != null ? " officer=" + officer.id() : ""));
        return id;
    }

    /** True when one of the officer's assignments lies in the caller's data scope. */
    boolean officerInScope(String officerId, Caller caller) {
        if (caller.type() == CallerType.ADMIN || caller.type() == CallerType.SYSTEM) {
            return true;
        }
        return organization.assignments(officerId).stream()
                .anyMatch(a -> caller.scope().allows(a.regionCode(), a.departmentId(), null));
    }

    /** Whether {@code viewer} may see {@code account}: its holder, administrators, and account managers for officers in their scope. */
    boolean visible(Account account, Caller viewer) {
        if (account.id().equals(viewer.accountId()) || viewer.type() == CallerType.ADMIN || viewer.type() == CallerType.SYSTEM) {
            return true;
        }
        return viewer.type() == CallerType.OFFICER && viewer.can(ACCOUNT_MANAGE) && account.type() == CallerType.OFFICER
                && account.officerId() != null && officerInScope(account.officerId(), viewer);
    }

    /** Changes the caller's own password (current password required); revokes the caller's other tokens. */
    @Transactional
    void changePassword(String accountId, String current, String next, String keepToken) {
        Account a = accounts.byId(accountId).orElseThrow(() -> ProblemException.notFound("account", accountId));
        if (current == null || !passwords.matches(current, a.passwordHash())) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-field", "当前密码不正确", "The current password is wrong",
                    List.of(new FieldViolation("currentPassword", "不正确", "is wrong")));
        }
        FieldViolation weak = PasswordPolicy.check("newPassword", next, a.username());
        if (weak != null) {
            throw ProblemException.invalidFields(List.of(weak));
        }
        if (passwords.matches(next, a.passwordHash())) {
            throw ProblemException.invalidField("newPassword", "不能与当前密码相同", "must differ from the current password");
        }
        accounts.updatePassword(a.id(), passwords.encode(next));
        tokens.revokeAllExcept(a.id(), keepToken);
        audit.record("account.password.change", "account:" + a.id(), true, "");
        // tell the owner in the inbox and by SMS (where the account has a phone), after commit
        events.publishEvent(new NotificationRequested("password.changed", List.of(a.id()),
                Map.of("username", a.username(), "time", NOTICE_TIME.format(Instant.now())), Set.of(Channel.IN_APP, Channel.SMS), "/account"));
    }

    /** Enables or disables an account (admins, or account managers for officers in scope). */
    @Transactional
    void setStatus(String accountId, boolean active, Caller caller) {
        if (!caller.can(ACCOUNT_MANAGE)) {
            throw ProblemException.forbidden("缺少权限：" + ACCOUNT_MANAGE, "Missing permission: " + ACCOUNT_MANAGE);
        }
        Account a = accounts.byId(accountId).filter(x -> visible(x, caller))
                .orElseThrow(() -> ProblemException.notFound("account", accountId));
        if (a.id().equals(caller.accountId())) {
            throw ProblemException.conflict("own-account", "不能停用自己的账号", "You cannot disable your own account");
        }
        accounts.setStatus(a.id(), active ? Account.ACTIVE : Account.DISABLED);
        if (!active) {
            tokens.revokeAll(a.id());
        }
        audit.record(active ? "account.enable" : "account.disable", "account:" + a.id(), true, "");
    }

    private void insert(AccountStore.NewAccount a) {
        try {
            accounts.insert(a);
        } catch (DuplicateKeyException e) {
            // a concurrent registration won the race on a unique key
            throw ProblemException.conflict("account-exists", "账号已存在（用户名或证件已注册）",
                    "The account already exists (username or identifier already registered)");
        }
    }

    private void requireFreeUsername(String username) {
        if (accounts.usernameTaken(username)) {
            throw ProblemException.conflict("username-taken", "用户名已被使用", "The username is already taken");
        }
    }

    private static void checkUsername(String username, List<FieldViolation> bad) {
        if (username == null || username.isBlank()) {
            bad.add(new FieldViolation("username", "必须填写", "is required"));
        } else if (!USERNAME.matcher(username.trim()).matches()) {
            bad.add(new FieldViolation("username", "须以字母开头，3–64 位字母、数字或 . _ -", "must start with a letter: 3–64 letters, digits or . _ -"));
        }
    }

    private static void addIfBad(List<FieldViolation> bad, FieldViolation v) {
        if (v != null) {
            bad.add(v);
        }
    }

    static Caller currentOrSystem() {
        return Callers.find().orElse(Caller.SYSTEM);
    }
}
