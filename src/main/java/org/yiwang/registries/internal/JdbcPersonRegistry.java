package org.yiwang.registries.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.yiwang.crypto.PersonalDataKind;
import org.yiwang.crypto.PersonalDataVault;
import org.yiwang.registries.PersonRecord;
import org.yiwang.registries.PersonRegistry;
import org.yiwang.shared.ids.ChineseIds;

/** {@link PersonRegistry} on {@code reg_person}: lookups by the ID number's blind index. */
@Service
@Transactional(readOnly = true)
class JdbcPersonRegistry implements PersonRegistry {

    static final String COLUMNS = """
            select id, name, sex, birth_date, region_code, source_department_id, updated_at, id_number_enc, phone_enc, address_enc
            from reg_person""";

    static final RowMapper<PersonRecord> PERSON = (rs, i) -> new PersonRecord(rs.getString("id"), rs.getString("name"),
            rs.getString("sex"), date(rs, "birth_date"), rs.getString("region_code"), rs.getString("source_department_id"),
            rs.getTimestamp("updated_at").toInstant(), rs.getString("id_number_enc"), rs.getString("phone_enc"), rs.getString("address_enc"));

    private final JdbcClient jdbc;
    private final PersonalDataVault vault;

    JdbcPersonRegistry(JdbcClient jdbc, PersonalDataVault vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    static LocalDate date(ResultSet rs, String column) throws SQLException {
        java.sql.Date d = rs.getDate(column);
        return d == null ? null : d.toLocalDate();
    }

    @Override
    public Optional<PersonRecord> findByIdNumber(String idNumber) {
        String normalised = ChineseIds.normaliseResidentId(idNumber);
        if (!ChineseIds.isValidResidentId(normalised)) {
            return Optional.empty();
        }
        return jdbc.sql(COLUMNS + " where id_number_bidx = ?").param(vault.blindIndex(PersonalDataKind.ID_NUMBER, normalised))
                .query(PERSON).optional();
    }

    @Override
    public Optional<PersonRecord> find(String id) {
        return id == null ? Optional.empty() : jdbc.sql(COLUMNS + " where id = ?").param(id).query(PERSON).optional();
    }
}
