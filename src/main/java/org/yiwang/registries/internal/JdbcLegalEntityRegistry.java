package org.yiwang.registries.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.yiwang.crypto.PersonalDataKind;
import org.yiwang.crypto.PersonalDataVault;
import org.yiwang.registries.EntityStatus;
import org.yiwang.registries.EntityType;
import org.yiwang.registries.LegalEntityRecord;
import org.yiwang.registries.LegalEntityRegistry;
import org.yiwang.shared.ids.ChineseIds;

/** {@link LegalEntityRegistry} on {@code reg_legal_entity}. */
@Service
@Transactional(readOnly = true)
class JdbcLegalEntityRegistry implements LegalEntityRegistry {

    static final String COLUMNS = """
            select id, credit_code, name, entity_type, legal_rep_name, legal_rep_id_enc, legal_rep_id_bidx, registered_address,
                   region_code, established_on, status, source_department_id, updated_at
            from reg_legal_entity""";

    static final RowMapper<LegalEntityRecord> ENTITY = (rs, i) -> new LegalEntityRecord(rs.getString("id"), rs.getString("credit_code"),
            rs.getString("name"), EntityType.valueOf(rs.getString("entity_type")), rs.getString("legal_rep_name"),
            rs.getString("legal_rep_id_enc"), rs.getString("legal_rep_id_bidx"), rs.getString("registered_address"),
            rs.getString("region_code"), JdbcPersonRegistry.date(rs, "established_on"), EntityStatus.valueOf(rs.getString("status")),
            rs.getString("source_department_id"), rs.getTimestamp("updated_at").toInstant());

    private final JdbcClient jdbc;
    private final PersonalDataVault vault;

    JdbcLegalEntityRegistry(JdbcClient jdbc, PersonalDataVault vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    @Override
    public Optional<LegalEntityRecord> findByCreditCode(String creditCode) {
        if (creditCode == null || creditCode.isBlank()) {
            return Optional.empty();
        }
        return jdbc.sql(COLUMNS + " where credit_code = ?").param(creditCode.trim().toUpperCase(Locale.ROOT)).query(ENTITY).optional();
    }

    @Override
    public Optional<LegalEntityRecord> find(String id) {
        return id == null ? Optional.empty() : jdbc.sql(COLUMNS + " where id = ?").param(id).query(ENTITY).optional();
    }

    @Override
    public List<LegalEntityRecord> findByLegalRepresentative(String idNumber) {
        String normalised = ChineseIds.normaliseResidentId(idNumber);
        if (!ChineseIds.isValidResidentId(normalised)) {
            return List.of();
        }
        return jdbc.sql(COLUMNS + " where legal_rep_id_bidx = ? order by name")
                .param(vault.blindIndex(PersonalDataKind.ID_NUMBER, normalised)).query(ENTITY).list();
    }
}
