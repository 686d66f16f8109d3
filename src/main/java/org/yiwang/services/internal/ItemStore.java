package org.yiwang.services.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.yiwang.organization.OrganizationDirectory;
import org.yiwang.organization.RegionLevel;
import org.yiwang.services.Fee;
import org.yiwang.services.ItemStatus;
import org.yiwang.services.ItemType;
import org.yiwang.services.Material;
import org.yiwang.services.ServiceItem;
import org.yiwang.services.ServiceZone;

/** Plain JDBC access to {@code services_item} and the catalog's change counter. */
@Repository
class ItemStore {

    static final JsonMapper JSON = JsonMapper.builder()
            .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

    private static final String COLUMNS = "id, basic_code, implementation_code, version, status, name, item_type, "
            + "exercise_level, legal_basis, statutory_days, promised_days, department_id, handling_type, fees_json, "
            + "materials_json, form_schema, keywords_json, synonyms_json, zones_json, published_at";

    private final JdbcClient jdbc;
    private final OrganizationDirectory organization;

    ItemStore(JdbcClient jdbc, OrganizationDirectory organization) {
        this.jdbc = jdbc;
        this.organization = organization;
    }

    Optional<ServiceItem> byId(String id) {
        return jdbc.sql("select " + COLUMNS + " from services_item where id = ?").param(id).query(this::map).optional();
    }

    List<ServiceItem> versions(String implementationCode) {
        return jdbc.sql("select " + COLUMNS + " from services_item where implementation_code = ? order by version")
                .param(implementationCode).query(this::map).list();
    }

    Optional<ServiceItem> published(String implementationCode) {
        return jdbc.sql("select " + COLUMNS + " from services_item where implementation_code = ? and status = 'PUBLISHED'")
                .param(implementationCode).query(this::map).optional();
    }

    List<ServiceItem> byStatus(ItemStatus status) {
        return jdbc.sql("select " + COLUMNS + " from services_item where status = ? order by name, implementation_code")
                .param(status.name()).query(this::map).list();
    }

    /** The newest version of every item (for the admin list), ordered by name. */
    List<ServiceItem> latestVersions() {
        return jdbc.sql("select " + COLUMNS + " from services_item s where version = (select max(version) from services_item m "
                        + "where m.implementation_code = s.implementation_code) order by name, implementation_code")
                .query(this::map).list();
    }

    /** Published and draft versions with this 基本编码 under other 实施编码 (the same item elsewhere: 三级四同). */
    List<ServiceItem> sameBasicCodeElsewhere(String basicCode, String implementationCode) {
        return jdbc.sql("select " + COLUMNS + " from services_item where basic_code = ? and implementation_code <> ? "
                        + "and status = 'PUBLISHED' order by implementation_code")
                .params(basicCode, implementationCode).query(this::map).list();
    }

    List<ServiceItem> publishedByBasicCode(String basicCode) {
        return jdbc.sql("select " + COLUMNS + " from services_item where basic_code = ? and status = 'PUBLISHED' order by implementation_code")
                .param(basicCode).query(this::map).list();
    }

    void insert(ServiceItem item) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("insert into services_item (id, basic_code, implementation_code, version, status, name, item_type, exercise_level, "
                        + "legal_basis, statutory_days, promised_days, department_id, handling_type, fees_json, materials_json, "
                        + "form_schema, keywords_json, synonyms_json, zones_json, created_at, updated_at, published_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(item.id(), item.basicCode(), item.implementationCode(), item.version(), item.status().name(), item.name(),
                        item.type().name(), item.level().name(), item.legalBasis(), item.statutoryDays(), item.promisedDays(),
                        item.departmentId(), item.handlingType(), write(item.fees()), write(item.materials()), item.formSchema(),
                        write(item.keywords()), write(item.synonyms()), write(item.zones()), now, now, item.publishedAt())
                .update();
    }

    /** Replaces the content of a draft (id, 实施编码, version and status stay). */
    void updateContent(ServiceItem item) {
        jdbc.sql("update services_item set basic_code = ?, name = ?, item_type = ?, exercise_level = ?, legal_basis = ?, "
                        + "statutory_days = ?, promised_days = ?, department_id = ?, handling_type = ?, fees_json = ?, materials_json = ?, "
                        + "form_schema = ?, keywords_json = ?, synonyms_json = ?, zones_json = ?, updated_at = ? where id = ?")
                .params(item.basicCode(), item.name(), item.type().name(), item.level().name(), item.legalBasis(), item.statutoryDays(),
                        item.promisedDays(), item.departmentId(), item.handlingType(), write(item.fees()), write(item.materials()),
                        item.formSchema(), write(item.keywords()), write(item.synonyms()), write(item.zones()),
                        OffsetDateTime.now(ZoneOffset.UTC), item.id())
                .update();
    }

    void setStatus(String id, ItemStatus status) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String extra = switch (status) {
            case PUBLISHED -> ", published_at = ?";
            case RETIRED -> ", retired_at = ?";
            case DRAFT -> "";
        };
        var spec = jdbc.sql("update services_item set status = ?, updated_at = ?" + extra + " where id = ?")
                .param(status.name()).param(now);
        if (!extra.isEmpty()) {
            spec = spec.param(now);
        }
        spec.param(id).update();
    }

    int maxVersion(String implementationCode) {
        return jdbc.sql("select coalesce(max(version), 0) from services_item where implementation_code = ?")
                .param(implementationCode).query(Integer.class).single();
    }

    /** The catalog's change counter (see {@code services_catalog_state}). */
    long catalogVersion() {
        return jdbc.sql("select version from services_catalog_state where id = 1").query(Long.class).single();
    }

    /** Bumps the change counter in the caller's transaction, so every node rebuilds its index after the commit. */
    void bumpCatalogVersion() {
        jdbc.sql("update services_catalog_state set version = version + 1 where id = 1").update();
    }

    static String write(Object value) {
        return JSON.writeValueAsString(value);
    }

    private ServiceItem map(ResultSet rs, int row) throws SQLException {
        String departmentId = rs.getString("department_id");
        String departmentName = organization.department(departmentId).map(d -> d.name()).orElse(departmentId);
        return new ServiceItem(rs.getString("id"), rs.getString("basic_code"), rs.getString("implementation_code"),
                rs.getInt("version"), ItemStatus.valueOf(rs.getString("status")), rs.getString("name"),
                ItemType.valueOf(rs.getString("item_type")), RegionLevel.valueOf(rs.getString("exercise_level")),
                rs.getString("legal_basis"), rs.getInt("statutory_days"), rs.getInt("promised_days"), departmentId,
                departmentName, rs.getInt("handling_type"),
                JSON.readValue(rs.getString("fees_json"), new TypeReference<List<Fee>>() { }),
                JSON.readValue(rs.getString("materials_json"), new TypeReference<List<Material>>() { }),
                rs.getString("form_schema"),
                JSON.readValue(rs.getString("keywords_json"), new TypeReference<List<String>>() { }),
                JSON.readValue(rs.getString("synonyms_json"), new TypeReference<List<String>>() { }),
                JSON.readValue(rs.getString("zones_json"), new TypeReference<List<ServiceZone>>() { }),
                rs.getObject("published_at", OffsetDateTime.class));
    }
}
