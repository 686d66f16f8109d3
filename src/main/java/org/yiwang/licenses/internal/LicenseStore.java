package org.yiwang.licenses.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.yiwang.licenses.HolderKind;
import org.yiwang.licenses.LicenseType;

/** JDBC access to license types, seals, serials and licenses (tables license_*). */
@Repository
class LicenseStore {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    LicenseStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A license row as stored. */
    record Row(String id, String typeCode, String departmentId, String issuerName, String issuerCreditCode, String regionCode,
               HolderKind holderKind, String holderName, String holderIdCipher, String holderIdIndex, String holderCreditCode,
               String holderSubjectId, String holderAccountId, Map<String, String> data, LocalDate validFrom, LocalDate validUntil,
               Instant issuedAt, String digest, String signature, String sealPublicKey, String status, Instant revokedAt,
               String revokedBy, String revokeReason, String sourceRef) {
    }

    // ---- types

    void saveType(LicenseType t) {
        String fields = JSON.writeValueAsString(t.fields());
        int n = jdbc.sql("update license_type set name = ?, name_en = ?, issuing_level = ?, holder_kind = ?, fields_json = ?, "
                        + "validity_years = ?, updated_at = ? where code = ?")
                .params(t.name(), t.nameEn(), t.issuingLevel(), t.holderKind().name(), fields, t.validityYears(),
                        Timestamp.from(Instant.now()), t.code()).update();
        if (n == 0) {
            jdbc.sql("insert into license_type (code, name, name_en, issuing_level, holder_kind, fields_json, validity_years, updated_at) "
                            + "values (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(t.code(), t.name(), t.nameEn(), t.issuingLevel(), t.holderKind().name(), fields, t.validityYears(),
                            Timestamp.from(Instant.now())).update();
        }
    }

    List<LicenseType> types() {
        return jdbc.sql("select * from license_type order by code").query(this::mapType).list();
    }

    Optional<LicenseType> type(String codeOrName) {
        return jdbc.sql("select * from license_type where code = ? or name = ?").params(codeOrName, codeOrName)
                .query(this::mapType).optional();
    }

    private LicenseType mapType(ResultSet rs, int i) throws SQLException {
        int years = rs.getInt("validity_years");
        Integer validity = rs.wasNull() ? null : years;
        return new LicenseType(rs.getString("code"), rs.getString("name"), rs.getString("name_en"), rs.getString("issuing_level"),
                HolderKind.valueOf(rs.getString("holder_kind")),
                JSON.readValue(rs.getString("fields_json"), new TypeReference<List<LicenseType.Field>>() { }), validity);
    }

    // ---- seals

    record Seal(String departmentId, String publicKey, String privateKeyCipher) {
    }

    Optional<Seal> seal(String departmentId) {
        return jdbc.sql("select department_id, public_key, private_key_cipher from license_seal where department_id = ?")
                .param(departmentId)
                .query((rs, i) -> new Seal(rs.getString(1), rs.getString(2), rs.getString(3))).optional();
    }

    void insertSeal(Seal seal) {
        jdbc.sql("insert into license_seal (department_id, public_key, private_key_cipher, created_at) values (?, ?, ?, ?)")
                .params(seal.departmentId(), seal.publicKey(), seal.privateKeyCipher(), Timestamp.from(Instant.now())).update();
    }

    // ---- serials

    /**
     * The next 流水号 for (type, issuer), taken under the row lock of its counter. The counter row must exist
     * ({@link #ensureSerial}, in a transaction of its own so that a concurrent first issue cannot abort the caller's).
     */
    long nextSerial(String typeCode, String issuerCode) {
        int n = jdbc.sql("update license_serial set next_value = next_value + 1 where type_code = ? and issuer_code = ?")
                .params(typeCode, issuerCode).update();
        if (n == 0) {
            throw new IllegalStateException("no serial counter for " + typeCode + "/" + issuerCode);
        }
        return jdbc.sql("select next_value from license_serial where type_code = ? and issuer_code = ?")
                .params(typeCode, issuerCode).query(Long.class).single() - 1;
    }

    boolean serialExists(String typeCode, String issuerCode) {
        return jdbc.sql("select count(*) from license_serial where type_code = ? and issuer_code = ?")
                .params(typeCode, issuerCode).query(Integer.class).single() > 0;
    }

    void insertSerial(String typeCode, String issuerCode) {
        jdbc.sql("insert into license_serial (type_code, issuer_code, next_value) values (?, ?, 1)").params(typeCode, issuerCode).update();
    }

    // ---- licenses

    void insert(Row r) {
        jdbc.sql("insert into license (id, type_code, department_id, issuer_name, issuer_credit_code, region_code, holder_kind, "
                        + "holder_name, holder_id_cipher, holder_id_index, holder_credit_code, holder_subject_id, holder_account_id, "
                        + "data_json, valid_from, valid_until, issued_at, digest, signature, seal_public_key, status, source_ref) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(r.id(), r.typeCode(), r.departmentId(), r.issuerName(), r.issuerCreditCode(), r.regionCode(),
                        r.holderKind().name(), r.holderName(), r.holderIdCipher(), r.holderIdIndex(), r.holderCreditCode(),
                        r.holderSubjectId(), r.holderAccountId(), JSON.writeValueAsString(r.data()), r.validFrom(), r.validUntil(),
                        Timestamp.from(r.issuedAt()), r.digest(), r.signature(), r.sealPublicKey(), r.status(), r.sourceRef())
                .update();
    }

    Optional<Row> find(String id) {
        return jdbc.sql("select * from license where id = ?").param(id).query(this::map).optional();
    }

    /** Locks the row for an update (revocation). */
    Optional<Row> findForUpdate(String id) {
        return jdbc.sql("select * from license where id = ? for update").param(id).query(this::map).optional();
    }

    Optional<String> findBySource(String typeCode, String sourceRef) {
        return jdbc.sql("select id from license where type_code = ? and source_ref = ?").params(typeCode, sourceRef)
                .query(String.class).optional();
    }

    void revoke(String id, Instant at, String by, String reason) {
        jdbc.sql("update license set status = 'REVOKED', revoked_at = ?, revoked_by = ?, revoke_reason = ? where id = ?")
                .params(Timestamp.from(at), by, reason, id).update();
    }

    /** Valid (not revoked, in its validity period on {@code day}) licenses of a type matching a holder condition, newest first. */
    List<Row> validWhere(String holderCondition, List<Object> params, String typeCode, LocalDate day) {
        List<Object> all = new ArrayList<>(params);
        all.add(typeCode);
        all.add(day);
        all.add(day);
        return jdbc.sql("select * from license where (" + holderCondition + ") and type_code = ? and status = 'VALID' "
                        + "and valid_from <= ? and (valid_until is null or valid_until >= ?) order by issued_at desc, id desc")
                .params(all).query(this::map).list();
    }

    /** Licenses matching a condition, newest first. */
    List<Row> where(String condition, List<Object> params, int limit) {
        List<Object> all = new ArrayList<>(params);
        all.add(limit);
        return jdbc.sql("select * from license where " + condition + " order by issued_at desc, id desc limit ?")
                .params(all).query(this::map).list();
    }

    private Row map(ResultSet rs, int i) throws SQLException {
        Map<String, String> data = JSON.readValue(rs.getString("data_json"), new TypeReference<LinkedHashMap<String, String>>() { });
        return new Row(rs.getString("id"), rs.getString("type_code"), rs.getString("department_id"), rs.getString("issuer_name"),
                rs.getString("issuer_credit_code"), rs.getString("region_code"), HolderKind.valueOf(rs.getString("holder_kind")),
                rs.getString("holder_name"), rs.getString("holder_id_cipher"), rs.getString("holder_id_index"),
                rs.getString("holder_credit_code"), rs.getString("holder_subject_id"), rs.getString("holder_account_id"), data,
                rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_until", LocalDate.class),
                instant(rs, "issued_at"), rs.getString("digest"), rs.getString("signature"), rs.getString("seal_public_key"),
                rs.getString("status"), instant(rs, "revoked_at"), rs.getString("revoked_by"), rs.getString("revoke_reason"),
                rs.getString("source_ref"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
