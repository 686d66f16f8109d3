package org.yiwang.files;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import org.yiwang.shared.security.AccessScope;

/** The {@code stored_file} and {@code file_grant} tables. */
@Repository
class FileRepository {

    private final JdbcTemplate jdbc;

    FileRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A row: the public metadata plus where the bytes are. */
    record Row(StoredFile file, String store, String storageKey) {
    }

    void insert(StoredFile f, String store, String storageKey) {
        jdbc.update("insert into stored_file (id, store, storage_key, original_name, purpose, content_type, size_bytes, sha256,"
                        + " owner_id, region_code, department_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                f.id(), store, storageKey, f.originalName(), f.purpose(), f.contentType(), f.size(), f.sha256(), f.ownerId(),
                f.regionCode(), f.departmentId(), Timestamp.from(f.createdAt()));
    }

    Optional<Row> find(String id) {
        return jdbc.query("select * from stored_file where id = ?", this::map, id).stream().findFirst();
    }

    /** Files visible within {@code scope} (owner / region and department), plus those granted to the account, newest first. */
    List<StoredFile> list(AccessScope scope, String accountId, String purpose, int limit, int offset) {
        AccessScope.Predicate p = scope.where("f.region_code", "f.department_id", "f.owner_id");
        List<Object> params = new ArrayList<>(p.params());
        StringBuilder sql = new StringBuilder("select f.* from stored_file f where ((").append(p.sql()).append(")")
                .append(" or f.owner_id = ? or exists (select 1 from file_grant g where g.file_id = f.id and g.account_id = ?))");
        params.add(accountId);
        params.add(accountId);
        if (purpose != null) {
            sql.append(" and f.purpose = ?");
            params.add(purpose);
        }
        sql.append(" order by f.created_at desc, f.id limit ? offset ?");
        params.add(limit);
        params.add(offset);
        return jdbc.query(sql.toString(), (rs, i) -> map(rs, i).file(), params.toArray());
    }

    boolean hasGrant(String fileId, String accountId) {
        Integer n = jdbc.queryForObject("select count(*) from file_grant where file_id = ? and account_id = ?", Integer.class, fileId, accountId);
        return n != null && n > 0;
    }

    /** Adds a grant; false when it already existed. */
    boolean grant(String fileId, String accountId, String grantedBy) {
        if (hasGrant(fileId, accountId)) {
            return false;
        }
        jdbc.update("insert into file_grant (file_id, account_id, granted_at, granted_by) values (?, ?, ?, ?)",
                fileId, accountId, Timestamp.from(Instant.now()), grantedBy);
        return true;
    }

    boolean revoke(String fileId, String accountId) {
        return jdbc.update("delete from file_grant where file_id = ? and account_id = ?", fileId, accountId) > 0;
    }

    private Row map(ResultSet rs, int i) throws SQLException {
        StoredFile f = new StoredFile(rs.getString("id"), rs.getString("original_name"), rs.getString("purpose"),
                rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256"), rs.getString("owner_id"),
                rs.getString("region_code"), rs.getString("department_id"), rs.getTimestamp("created_at").toInstant());
        return new Row(f, rs.getString("store"), rs.getString("storage_key"));
    }
}
