package org.yiwang.licenses.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.yiwang.audit.AuditLog;
import org.yiwang.crypto.CryptoProvider;
import org.yiwang.crypto.Masking;
import org.yiwang.crypto.PersonalDataKind;
import org.yiwang.crypto.PersonalDataVault;
import org.yiwang.crypto.Protected;
import org.yiwang.identity.AccountDirectory;
import org.yiwang.identity.AccountInfo;
import org.yiwang.licenses.HolderKind;
import org.yiwang.licenses.IssueRequest;
import org.yiwang.licenses.License;
import org.yiwang.licenses.LicenseHolder;
import org.yiwang.licenses.LicenseIssued;
import org.yiwang.licenses.LicenseRevoked;
import org.yiwang.licenses.LicenseStatus;
import org.yiwang.licenses.LicenseType;
import org.yiwang.licenses.Licenses;
import org.yiwang.organization.Department;
import org.yiwang.organization.OrganizationDirectory;
import org.yiwang.registries.LegalEntityRegistry;
import org.yiwang.registries.PersonRegistry;
import org.yiwang.shared.ids.ChineseIds;
import org.yiwang.shared.ids.ElectronicLicenseIds;
import org.yiwang.shared.security.AccessScope;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.CallerType;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.ProblemException;

/**
 * Issues, seals, revokes, finds and verifies electronic licenses (电子证照).
 * <p>
 * The canonical form that the seal signs is a UTF-8 text of {@code key=value} lines (fixed header fields, then the
 * license data sorted by key, backslash and newline escaped); the person holder is represented by the blind index
 * of the ID number (never the number itself), a legal entity by its credit code.
 */
@Service
class LicenseService implements Licenses {

    static final String VERSION = "001";
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final LicenseStore store;
    private final Seals seals;
    private final CryptoProvider crypto;
    private final PersonalDataVault vault;
    private final OrganizationDirectory organization;
    private final PersonRegistry persons;
    private final LegalEntityRegistry entities;
    private final AccountDirectory accounts;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.system(ZONE);

    LicenseService(LicenseStore store, Seals seals, CryptoProvider crypto, PersonalDataVault vault, OrganizationDirectory organization,
                   PersonRegistry persons, LegalEntityRegistry entities, AccountDirectory accounts, AuditLog audit,
                   ApplicationEventPublisher events) {
        this.store = store;
        this.seals = seals;
        this.crypto = crypto;
        this.vault = vault;
        this.organization = organization;
        this.persons = persons;
        this.entities = entities;
        this.accounts = accounts;
        this.audit = audit;
        this.events = events;
    }

    // ------------------------------------------------------------------ issue

    @Override
    @Transactional
    public String issue(IssueRequest req) {
        if (req == null) {
            throw ProblemException.invalidField("body", "缺少请求内容", "the request is empty");
        }
        List<FieldViolation> bad = new ArrayList<>();
        LicenseType type = req.typeCode() == null ? null : store.type(req.typeCode().trim()).orElse(null);
        if (type == null) {
            bad.add(new FieldViolation("typeCode", "未知的证照类型", "unknown license type"));
        }
        Department dept = req.departmentId() == null ? null : organization.department(req.departmentId()).orElse(null);
        if (dept == null) {
            bad.add(new FieldViolation("departmentId", "未知的颁发部门", "unknown issuing department"));
        } else if (!ChineseIds.isValidCreditCode(dept.creditCode())) {
            bad.add(new FieldViolation("departmentId", "颁发部门没有有效的统一社会信用代码", "the issuing department has no valid credit code"));
        }
        LicenseHolder holder = req.holder();
        String identifier = null;
        if (holder == null || holder.kind() == null) {
            bad.add(new FieldViolation("holder.kind", "缺少持证主体类型", "holder kind is missing"));
        } else {
            if (type != null && holder.kind() != type.holderKind()) {
                bad.add(new FieldViolation("holder.kind", "该证照类型的持证主体应为" + (type.holderKind() == HolderKind.PERSON ? "自然人" : "法人"),
                        "this license type is held by a " + type.holderKind()));
            }
            if (holder.name() == null || holder.name().isBlank() || holder.name().length() > 200) {
                bad.add(new FieldViolation("holder.name", "缺少持证主体名称", "holder name is missing or too long"));
            }
            identifier = holder.identifier() == null ? null : holder.identifier().trim().toUpperCase();
            if (holder.kind() == HolderKind.PERSON && !ChineseIds.isValidResidentId(identifier)) {
                bad.add(new FieldViolation("holder.identifier", "居民身份证号无效", "not a valid resident ID number"));
            } else if (holder.kind() == HolderKind.LEGAL_ENTITY && !ChineseIds.isValidCreditCode(identifier)) {
                bad.add(new FieldViolation("holder.identifier", "统一社会信用代码无效", "not a valid unified social credit code"));
            }
        }
        Map<String, String> data = new LinkedHashMap<>();
        if (type != null) {
            for (String key : req.data().keySet()) {
                if (type.fields().stream().noneMatch(f -> f.key().equals(key))) {
                    bad.add(new FieldViolation("data." + key, "该证照类型没有此照面项", "not a field of this license type"));
                }
            }
            for (LicenseType.Field f : type.fields()) {
                String v = req.data().get(f.key());
                if (v != null && !v.isBlank()) {
                    if (v.length() > 1000) {
                        bad.add(new FieldViolation("data." + f.key(), "内容过长（最多 1000 字）", "too long (at most 1000 characters)"));
                    }
                    data.put(f.key(), v.trim());
                } else if (f.required()) {
                    bad.add(new FieldViolation("data." + f.key(), "缺少必填照面项：" + f.label(), "required field missing: " + f.labelEn()));
                }
            }
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate from = req.validFrom() == null ? today : req.validFrom();
        LocalDate until = req.validUntil();
        if (until == null && type != null && type.validityYears() != null) {
            until = from.plusYears(type.validityYears()).minusDays(1);
        }
        if (until != null && until.isBefore(from)) {
            bad.add(new FieldViolation("validUntil", "有效期止早于有效期起", "validUntil is before validFrom"));
        }
        if (req.sourceRef() != null && req.sourceRef().length() > 64) {
            bad.add(new FieldViolation("sourceRef", "来源编号过长", "sourceRef is longer than 64 characters"));
        }
        if (!bad.isEmpty()) {
            throw ProblemException.invalidFields(bad);
        }
        if (req.sourceRef() != null) {
            Optional<String> existing = store.findBySource(type.code(), req.sourceRef());
            if (existing.isPresent()) {
                return existing.get();
            }
        }

        seals.ensureSerial(type.code(), dept.creditCode());
        String serial = String.format("%08d", store.nextSerial(type.code(), dept.creditCode()));
        String id = ElectronicLicenseIds.format(type.code(), dept.creditCode(), serial, VERSION);
        String cipher = null;
        String index = null;
        String creditCode = null;
        String subjectId;
        if (holder.kind() == HolderKind.PERSON) {
            Protected p = vault.protect(PersonalDataKind.ID_NUMBER, identifier);
            cipher = p.cipherText();
            index = p.blindIndex();
            subjectId = persons.findByIdNumber(identifier).map(r -> r.id()).orElse(null);
        } else {
            creditCode = identifier;
            subjectId = entities.findByCreditCode(identifier).map(r -> r.id()).orElse(null);
        }
        Instant issuedAt = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
        LicenseStore.Row draft = new LicenseStore.Row(id, type.code(), dept.id(), dept.name(), dept.creditCode(), dept.regionCode(),
                holder.kind(), holder.name().trim(), cipher, index, creditCode, subjectId, holder.accountId(), data, from, until,
                issuedAt, null, null, null, LicenseStatus.VALID.name(), null, null, null, req.sourceRef());
        byte[] canonical = canonical(draft, type.name());
        Seals.Sealed sealed = seals.sign(dept.id(), canonical);
        LicenseStore.Row row = new LicenseStore.Row(id, type.code(), dept.id(), dept.name(), dept.creditCode(), dept.regionCode(),
                holder.kind(), holder.name().trim(), cipher, index, creditCode, subjectId, holder.accountId(), data, from, until,
                issuedAt, HexFormat.of().formatHex(crypto.sm3(canonical)), Base64.getEncoder().encodeToString(sealed.signature()),
                sealed.publicKey(), LicenseStatus.VALID.name(), null, null, null, req.sourceRef());
        store.insert(row);
        audit.record("license.issue", "license:" + id, true, type.name() + " by " + dept.name()
                + (req.sourceRef() == null ? "" : " for " + req.sourceRef()));
        events.publishEvent(new LicenseIssued(id, type.code(), type.name(), holder.accountId(), dept.id(), req.sourceRef()));
        return id;
    }

    /** The canonical form the seal signs (see the class comment). */
    static byte[] canonical(LicenseStore.Row r, String typeName) {
        StringBuilder sb = new StringBuilder("yiwang-license/1\n");
        line(sb, "id", r.id());
        line(sb, "type", r.typeCode());
        line(sb, "typeName", typeName);
        line(sb, "issuer", r.issuerCreditCode());
        line(sb, "issuerName", r.issuerName());
        line(sb, "holderKind", r.holderKind().name());
        line(sb, "holderName", r.holderName());
        line(sb, "holderId", r.holderKind() == HolderKind.PERSON ? r.holderIdIndex() : r.holderCreditCode());
        line(sb, "validFrom", r.validFrom().toString());
        line(sb, "validUntil", r.validUntil() == null ? "" : r.validUntil().toString());
        line(sb, "issuedAt", r.issuedAt().truncatedTo(ChronoUnit.SECONDS).toString());
        for (Map.Entry<String, String> e : new TreeMap<>(r.data()).entrySet()) {
            line(sb, "data." + e.getKey(), e.getValue());
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append(key).append('=').append(value == null ? "" : value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r"))
                .append('\n');
    }

    // ------------------------------------------------------------------ revoke

    @Override
    @Transactional
    public License revoke(String licenseId, String reason) {
        Caller caller = Callers.require(REVOKE);
        if (reason == null || reason.isBlank()) {
            throw ProblemException.invalidField("reason", "请填写撤销原因", "a reason is required");
        }
        if (reason.length() > 500) {
            throw ProblemException.invalidField("reason", "撤销原因过长（最多 500 字）", "the reason is too long (at most 500 characters)");
        }
        LicenseStore.Row row = store.findForUpdate(licenseId).orElseThrow(() -> ProblemException.notFound("电子证照", licenseId));
        if (!caller.scope().allows(row.regionCode(), row.departmentId(), null)) {
            throw ProblemException.forbidden("该证照不在您的管辖范围内", "This license is outside your scope");
        }
        if ("REVOKED".equals(row.status())) {
            throw ProblemException.conflict("license-already-revoked", "该证照已撤销", "The license is already revoked");
        }
        store.revoke(licenseId, Instant.now(clock), caller.accountId(), reason.trim());
        audit.record("license.revoke", "license:" + licenseId, true, reason.trim());
        events.publishEvent(new LicenseRevoked(licenseId, row.typeCode(), row.holderAccountId(), reason.trim(), row.sourceRef()));
        return find(licenseId).orElseThrow();
    }

    // ------------------------------------------------------------------ reads

    @Override
    @Transactional(readOnly = true)
    public Optional<License> find(String licenseId) {
        return store.find(licenseId).map(this::toLicense);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<License> validFor(String holderIdNumberOrCreditCode, String typeCodeOrName) {
        if (holderIdNumberOrCreditCode == null) {
            return Optional.empty();
        }
        Optional<LicenseType> type = typeCodeOrName == null ? Optional.empty() : store.type(typeCodeOrName);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        String id = holderIdNumberOrCreditCode.trim().toUpperCase();
        String condition;
        List<Object> params;
        if (ChineseIds.isValidResidentId(id)) {
            condition = "holder_id_index = ?";
            params = List.of(vault.blindIndex(PersonalDataKind.ID_NUMBER, id));
        } else if (ChineseIds.isValidCreditCode(id)) {
            condition = "holder_credit_code = ?";
            params = List.of(id);
        } else {
            return Optional.empty();
        }
        return store.validWhere(condition, params, type.get().code(), LocalDate.now(clock)).stream().findFirst().map(this::toLicense);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<License> validForAccount(String holderAccountId, String typeCodeOrName) {
        Optional<LicenseType> type = typeCodeOrName == null ? Optional.empty() : store.type(typeCodeOrName);
        if (holderAccountId == null || type.isEmpty()) {
            return Optional.empty();
        }
        HolderMatch m = holderMatch(holderAccountId, accounts.account(holderAccountId).map(AccountInfo::subjectId).orElse(null));
        return store.validWhere(m.sql(), m.params(), type.get().code(), LocalDate.now(clock)).stream().findFirst().map(this::toLicense);
    }

    @Override
    @Transactional(readOnly = true)
    public List<License> heldBy(String holderAccountId) {
        HolderMatch m = holderMatch(holderAccountId, accounts.account(holderAccountId).map(AccountInfo::subjectId).orElse(null));
        return store.where(m.sql(), m.params(), 500).stream().map(this::toLicense).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<LicenseType> types() {
        return store.types();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<LicenseType> type(String codeOrName) {
        return codeOrName == null ? Optional.empty() : store.type(codeOrName.trim());
    }

    /** Licenses visible to the caller: their own (citizens, enterprises) or in their AccessScope (officers), newest first. */
    @Transactional(readOnly = true)
    List<License> visible(Caller caller, String typeCodeOrName, int limit) {
        String sql;
        List<Object> params = new ArrayList<>();
        if (caller.type() == CallerType.CITIZEN || caller.type() == CallerType.ENTERPRISE) {
            HolderMatch m = holderMatch(caller.accountId(), caller.subjectId());
            sql = "(" + m.sql() + ")";
            params.addAll(m.params());
        } else {
            if (!caller.can("license:read")) {
                throw ProblemException.forbidden("缺少权限：license:read", "Missing permission: license:read");
            }
            AccessScope.Predicate p = caller.scope().where("region_code", "department_id", null);
            sql = p.sql();
            params.addAll(p.params());
        }
        if (typeCodeOrName != null && !typeCodeOrName.isBlank()) {
            LicenseType t = store.type(typeCodeOrName.trim()).orElseThrow(
                    () -> ProblemException.invalidField("type", "未知的证照类型", "unknown license type"));
            sql += " and type_code = ?";
            params.add(t.code());
        }
        return store.where(sql, params, Math.max(1, Math.min(limit, 500))).stream().map(this::toLicense).toList();
    }

    /** The license if the caller may see it (holder, or officer in scope with license:read); 404 otherwise. */
    @Transactional(readOnly = true)
    License visibleOne(Caller caller, String id) {
        LicenseStore.Row row = store.find(id).orElseThrow(() -> ProblemException.notFound("电子证照", id));
        if (!maySee(caller, row)) {
            throw ProblemException.notFound("电子证照", id);
        }
        return toLicense(row);
    }

    boolean maySee(Caller caller, LicenseStore.Row row) {
        if (caller.type() == CallerType.CITIZEN || caller.type() == CallerType.ENTERPRISE) {
            return isHolder(caller, row);
        }
        return caller.can("license:read") && caller.scope().allows(row.regionCode(), row.departmentId(), null);
    }

    static boolean isHolder(Caller caller, LicenseStore.Row row) {
        return caller.accountId().equals(row.holderAccountId())
                || (caller.subjectId() != null && caller.subjectId().equals(row.holderSubjectId()));
    }

    Optional<LicenseStore.Row> row(String id) {
        return store.find(id);
    }

    private record HolderMatch(String sql, List<Object> params) {
    }

    private static HolderMatch holderMatch(String accountId, String subjectId) {
        if (subjectId == null) {
            return new HolderMatch("holder_account_id = ?", List.of(accountId == null ? "" : accountId));
        }
        return new HolderMatch("holder_account_id = ? or holder_subject_id = ?", List.of(accountId == null ? "" : accountId, subjectId));
    }

    // ------------------------------------------------------------------ verify

    /** Outcome of a verification of a license that exists and whose seal is intact. */
    record Verification(License license, String digest, String sealPublicKey, boolean valid) {
    }

    /**
     * Checks the identifier's shape and check character (422 when malformed or forged), finds the license (404),
     * recomputes the canonical form and verifies the SM3 digest and the SM2 seal signature (422 when they do not match)
     * and reports its status (revoked / expired).
     */
    @Transactional(readOnly = true)
    Verification verify(String id) {
        if (ElectronicLicenseIds.parse(id).isEmpty()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "malformed-license-id",
                    "电子证照标识格式不正确（GB/T 36904）", "The identifier is not a GB/T 36904 electronic license identifier");
        }
        if (!ElectronicLicenseIds.isValid(id)) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "license-id-check-failed",
                    "电子证照标识校验位错误，可能是伪造的标识", "The identifier's check character is wrong: the identifier is forged or mistyped");
        }
        LicenseStore.Row row = store.find(id).orElseThrow(() -> ProblemException.notFound("电子证照", id));
        String typeName = store.type(row.typeCode()).map(LicenseType::name).orElse("");
        byte[] canonical = canonical(row, typeName);
        boolean digestOk = HexFormat.of().formatHex(crypto.sm3(canonical)).equals(row.digest());
        boolean signatureOk = seals.verify(row.sealPublicKey(), canonical, row.signature());
        String departmentKey = seals.publicKeyOf(row.departmentId());
        boolean keyOk = departmentKey != null && departmentKey.equals(row.sealPublicKey());
        if (!digestOk || !signatureOk || !keyOk) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "license-signature-invalid",
                    "电子印章验证失败：证照数据与签章不符，可能被篡改或伪造", "The electronic seal does not verify: the license data were altered or forged");
        }
        License license = toLicense(row);
        return new Verification(license, row.digest(), row.sealPublicKey(), license.status() == LicenseStatus.VALID);
    }

    // ------------------------------------------------------------------ mapping

    License toLicense(LicenseStore.Row r) {
        LicenseType type = store.type(r.typeCode()).orElse(null);
        String masked = r.holderKind() == HolderKind.PERSON
                ? vault.display(PersonalDataKind.ID_NUMBER, r.holderIdCipher(), "license:" + r.id(), "license", null)
                : r.holderCreditCode();
        LicenseStatus status = "REVOKED".equals(r.status()) ? LicenseStatus.REVOKED
                : r.validUntil() != null && r.validUntil().isBefore(LocalDate.now(clock)) ? LicenseStatus.EXPIRED : LicenseStatus.VALID;
        return new License(r.id(), r.typeCode(), type == null ? r.typeCode() : type.name(), r.departmentId(), r.issuerName(),
                r.issuerCreditCode(), r.holderKind(), r.holderName(), masked, r.holderAccountId(), r.regionCode(), r.data(),
                r.validFrom(), r.validUntil(), r.issuedAt(), status, r.revokedAt(), r.revokeReason(), r.sourceRef());
    }

    /** The holder's name as the public may see it (persons masked). */
    static String publicHolderName(License l) {
        return l.holderKind() == HolderKind.PERSON ? Masking.mask(PersonalDataKind.NAME, l.holderName()) : l.holderName();
    }

    /** The holder's full ID number for the document, audited (holder's own view or an officer with full access). */
    String holderIdentifierFor(Caller caller, LicenseStore.Row r) {
        if (r.holderKind() == HolderKind.LEGAL_ENTITY) {
            return r.holderCreditCode();
        }
        if (isHolder(caller, r)) {
            return vault.revealOwn(PersonalDataKind.ID_NUMBER, r.holderIdCipher(), "license:" + r.id());
        }
        return vault.display(PersonalDataKind.ID_NUMBER, r.holderIdCipher(), "license:" + r.id(), "license-document", caller);
    }

    /** Creates or updates a license type (admin). */
    @Transactional
    LicenseType saveType(LicenseType t) {
        List<FieldViolation> bad = new ArrayList<>();
        if (!ElectronicLicenseIds.isValidTypeCode(t.code())) {
            bad.add(new FieldViolation("code", "证照类型代码应为统一社会信用代码加 3 位数字", "the code must be a credit code followed by 3 digits"));
        }
        if (t.name() == null || t.name().isBlank() || t.name().length() > 100) {
            bad.add(new FieldViolation("name", "缺少名称", "name is missing"));
        }
        if (t.nameEn() == null || t.nameEn().isBlank()) {
            bad.add(new FieldViolation("nameEn", "缺少英文名称", "English name is missing"));
        }
        if (t.issuingLevel() == null || !List.of("CITY", "DISTRICT", "STREET").contains(t.issuingLevel())) {
            bad.add(new FieldViolation("issuingLevel", "颁发层级应为 CITY、DISTRICT 或 STREET", "issuingLevel must be CITY, DISTRICT or STREET"));
        }
        if (t.holderKind() == null) {
            bad.add(new FieldViolation("holderKind", "缺少持证主体类型", "holderKind is missing"));
        }
        if (t.validityYears() != null && (t.validityYears() < 1 || t.validityYears() > 100)) {
            bad.add(new FieldViolation("validityYears", "有效年限应在 1 到 100 之间", "validityYears must be between 1 and 100"));
        }
        for (int i = 0; i < t.fields().size(); i++) {
            LicenseType.Field f = t.fields().get(i);
            if (f.key() == null || !f.key().matches("[a-zA-Z][a-zA-Z0-9]{0,39}") || f.label() == null || f.label().isBlank()
                    || f.labelEn() == null || f.labelEn().isBlank()) {
                bad.add(new FieldViolation("fields[" + i + "]", "照面项需要键（字母数字）、中文和英文标签", "a field needs a key (letters, digits), a label and labelEn"));
            }
        }
        if (!bad.isEmpty()) {
            throw ProblemException.invalidFields(bad);
        }
        Optional<LicenseType> sameName = store.type(t.name());
        if (sameName.isPresent() && !sameName.get().code().equals(t.code())) {
            throw ProblemException.conflict("license-type-name-taken", "已有同名证照类型：" + sameName.get().code(),
                    "Another license type has this name: " + sameName.get().code());
        }
        store.saveType(t);
        audit.record("license.type.save", "license-type:" + t.code(), true, t.name());
        return store.type(t.code()).orElseThrow();
    }
}
