package org.yiwang.services.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

import org.yiwang.audit.AuditLog;
import org.yiwang.organization.OrganizationDirectory;
import org.yiwang.services.CatalogQuery;
import org.yiwang.services.ItemStatus;
import org.yiwang.services.SearchHit;
import org.yiwang.services.ServiceCatalog;
import org.yiwang.services.ServiceItem;
import org.yiwang.shared.imports.ImportResult;
import org.yiwang.shared.imports.ImportRows;
import org.yiwang.shared.imports.RowErrors;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.ProblemException;

/**
 * The service catalog: reads for everyone ({@link ServiceCatalog}) and the admin operations (create, update,
 * new version, publish, retire, import), each checked against the rules of {@link ItemRules}, audited, and
 * bumping the catalog's change counter so every node's search index follows.
 */
@Service
class CatalogService implements ServiceCatalog {

    static final String MANAGE = "catalog:manage";

    /** Import fields and their accepted aliases (Chinese names). */
    static final Map<String, List<String>> IMPORT_FIELDS = new LinkedHashMap<>();

    static {
        Map<String, String> zh = Map.ofEntries(Map.entry("basicCode", "基本编码"), Map.entry("implementationCode", "实施编码"),
                Map.entry("name", "事项名称"), Map.entry("type", "事项类型"), Map.entry("legalBasis", "设定依据"),
                Map.entry("statutoryDays", "法定时限"), Map.entry("promisedDays", "承诺时限"), Map.entry("departmentId", "实施部门"),
                Map.entry("handlingType", "办件类型"), Map.entry("fees", "收费"), Map.entry("materials", "申请材料"),
                Map.entry("formSchema", "表单"), Map.entry("keywords", "关键词"), Map.entry("synonyms", "同义词"),
                Map.entry("zones", "专区"));
        ItemInput.FIELDS.forEach(f -> IMPORT_FIELDS.put(f, List.of(zh.get(f))));
    }

    private final ItemStore store;
    private final CatalogIndex index;
    private final OrganizationDirectory organization;
    private final AuditLog audit;

    CatalogService(ItemStore store, CatalogIndex index, OrganizationDirectory organization, AuditLog audit) {
        this.store = store;
        this.index = index;
        this.organization = organization;
        this.audit = audit;
    }

    // ---- reads (ServiceCatalog) ----

    @Override
    public Optional<ServiceItem> version(String id) {
        return id == null ? Optional.empty() : store.byId(id);
    }

    @Override
    public Optional<ServiceItem> published(String implementationCode) {
        return store.published(implementationCode);
    }

    @Override
    public List<ServiceItem> versions(String implementationCode) {
        return store.versions(implementationCode);
    }

    @Override
    public List<ServiceItem> publishedItems() {
        return store.byStatus(ItemStatus.PUBLISHED);
    }

    @Override
    public List<ServiceItem> byBasicCode(String basicCode) {
        return store.publishedByBasicCode(basicCode);
    }

    @Override
    public List<SearchHit> search(CatalogQuery query) {
        return index.search(query);
    }

    @Override
    public Map<String, String> validateForm(String itemId, Map<String, Object> data) {
        ServiceItem item = store.byId(itemId).orElseThrow(() -> ProblemException.notFound("事项", itemId));
        return FormSchemas.validate(item.formSchema(), data, LocaleContextHolder.getLocale());
    }

    /** The newest version of every item, for the admin list. */
    List<ServiceItem> latestVersions() {
        return store.latestVersions();
    }

    // ---- admin ----

    /** Creates version 1 of a new item as a DRAFT. 409 when the 实施编码 exists (make a new version instead). */
    @Transactional
    ServiceItem create(JsonNode body) {
        Caller caller = Callers.require(MANAGE);
        ServiceItem content = checked(body, null);
        requireScope(caller, content);
        if (store.maxVersion(content.implementationCode()) > 0) {
            throw ProblemException.conflict("item-exists", "实施编码已存在：" + content.implementationCode() + "，请新建版本",
                    "implementation code already exists: " + content.implementationCode() + "; create a new version instead");
        }
        ServiceItem item = withIdentity(content, UUID.randomUUID().toString(), 1, ItemStatus.DRAFT);
        store.insert(item);
        store.bumpCatalogVersion();
        audit.record("service-item.create", "service-item:" + item.implementationCode() + "/v1", true, item.name());
        return store.byId(item.id()).orElseThrow();
    }

    /** Replaces the content of a DRAFT version (409 otherwise); its 实施编码 cannot change. */
    @Transactional
    ServiceItem update(String id, JsonNode body) {
        Caller caller = Callers.require(MANAGE);
        ServiceItem existing = store.byId(id).orElseThrow(() -> ProblemException.notFound("事项", id));
        requireScope(caller, existing);
        if (existing.status() != ItemStatus.DRAFT) {
            throw ProblemException.conflict("item-not-draft", "只能修改草稿，已发布的事项请新建版本",
                    "only drafts can be changed; create a new version of a published item");
        }
        ServiceItem content = checked(body, existing.implementationCode());
        requireScope(caller, content);
        ServiceItem item = withIdentity(content, existing.id(), existing.version(), ItemStatus.DRAFT);
        store.updateContent(item);
        store.bumpCatalogVersion();
        audit.record("service-item.update", "service-item:" + item.implementationCode() + "/v" + item.version(), true, item.name());
        return store.byId(id).orElseThrow();
    }

    /** A new DRAFT version of the item that version {@code id} belongs to (409 when a draft exists already). */
    @Transactional
    ServiceItem newVersion(String id, JsonNode body) {
        Caller caller = Callers.require(MANAGE);
        ServiceItem base = store.byId(id).orElseThrow(() -> ProblemException.notFound("事项", id));
        requireScope(caller, base);
        if (store.versions(base.implementationCode()).stream().anyMatch(v -> v.status() == ItemStatus.DRAFT)) {
            throw ProblemException.conflict("draft-exists", "该事项已有草稿版本", "this item already has a draft version");
        }
        ServiceItem content = checked(body, base.implementationCode());
        requireScope(caller, content);
        int version = store.maxVersion(base.implementationCode()) + 1;
        ServiceItem item = withIdentity(content, UUID.randomUUID().toString(), version, ItemStatus.DRAFT);
        store.insert(item);
        store.bumpCatalogVersion();
        audit.record("service-item.new-version", "service-item:" + item.implementationCode() + "/v" + version, true, item.name());
        return store.byId(item.id()).orElseThrow();
    }

    /** Publishes a DRAFT; the previously published version of the same item is retired. */
    @Transactional
    ServiceItem publish(String id) {
        Caller caller = Callers.require(MANAGE);
        ServiceItem item = store.byId(id).orElseThrow(() -> ProblemException.notFound("事项", id));
        requireScope(caller, item);
        if (item.status() != ItemStatus.DRAFT) {
            throw ProblemException.conflict("item-not-draft", "只能发布草稿", "only drafts can be published");
        }
        List<FieldViolation> same = ItemRules.sameEverywhere(item, store.sameBasicCodeElsewhere(item.basicCode(), item.implementationCode()), "");
        if (!same.isEmpty()) {
            throw ProblemException.invalidFields(same);
        }
        store.published(item.implementationCode()).ifPresent(old -> {
            store.setStatus(old.id(), ItemStatus.RETIRED);
            audit.record("service-item.retire", "service-item:" + old.implementationCode() + "/v" + old.version(), true,
                    "replaced by v" + item.version());
        });
        store.setStatus(id, ItemStatus.PUBLISHED);
        store.bumpCatalogVersion();
        audit.record("service-item.publish", "service-item:" + item.implementationCode() + "/v" + item.version(), true, item.name());
        return store.byId(id).orElseThrow();
    }

    /** Withdraws a published (or draft) version. */
    @Transactional
    ServiceItem retire(String id) {
        Caller caller = Callers.require(MANAGE);
        ServiceItem item = store.byId(id).orElseThrow(() -> ProblemException.notFound("事项", id));
        requireScope(caller, item);
        if (item.status() == ItemStatus.RETIRED) {
            throw ProblemException.conflict("item-retired", "该版本已废止", "this version is already retired");
        }
        store.setStatus(id, ItemStatus.RETIRED);
        store.bumpCatalogVersion();
        audit.record("service-item.retire", "service-item:" + item.implementationCode() + "/v" + item.version(), true, item.name());
        return store.byId(id).orElseThrow();
    }

    /**
     * Imports items (JSON rows, fields as in {@link ItemInput}): every row is validated first (including 三级四同
     * against the catalog and the other rows); with any error nothing is written. A new 实施编码 becomes version 1,
     * a changed item a new version; both are published (retiring the previous version). Unchanged rows are skipped.
     */
    @Transactional
    ImportResult importItems(List<ImportRows.Row> rows) {
        Caller caller = Callers.require(MANAGE);
        RowErrors errors = new RowErrors();
        List<ServiceItem> accepted = new ArrayList<>();
        Map<String, ImportRows.Row> byImplementation = new HashMap<>();
        Map<String, ServiceItem> firstByBasic = new HashMap<>();
        for (ImportRows.Row row : rows) {
            String prefix = row.path("") + ".";
            ItemInput input;
            try {
                input = ItemStore.JSON.convertValue(row.values(), ItemInput.class);
            } catch (RuntimeException e) {
                errors.add(row, "", "字段类型有误：" + rootMessage(e), "wrong field type: " + rootMessage(e));
                continue;
            }
            ItemRules.Checked c = ItemRules.check(input, prefix, organization);
            if (!c.ok()) {
                c.violations().forEach(v -> errors.add(row.number(), v.field(), v.messageZh(), v.messageEn()));
                continue;
            }
            ServiceItem item = c.item();
            if (!caller.scope().allows(departmentRegion(item), null, null)) {
                errors.add(row, "departmentId", "无权管理该部门的事项", "not allowed to manage this department's items");
                continue;
            }
            ImportRows.Row earlier = byImplementation.putIfAbsent(item.implementationCode(), row);
            if (earlier != null) {
                errors.add(row, "implementationCode", "与第 " + earlier.number() + " 行的实施编码重复", "same implementation code as row " + earlier.number());
                continue;
            }
            List<ServiceItem> others = new ArrayList<>(store.sameBasicCodeElsewhere(item.basicCode(), item.implementationCode()));
            ServiceItem firstInFile = firstByBasic.putIfAbsent(item.basicCode(), item);
            if (firstInFile != null) {
                others.add(firstInFile);
            }
            List<FieldViolation> same = ItemRules.sameEverywhere(item, others, prefix);
            if (!same.isEmpty()) {
                same.forEach(v -> errors.add(row.number(), v.field(), v.messageZh(), v.messageEn()));
                continue;
            }
            accepted.add(item);
        }
        errors.throwIfAny();
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        for (ServiceItem content : accepted) {
            Optional<ServiceItem> current = store.published(content.implementationCode());
            if (current.isPresent() && ItemRules.sameContent(current.get(), content)) {
                unchanged++;
                continue;
            }
            int version = store.maxVersion(content.implementationCode()) + 1;
            store.versions(content.implementationCode()).stream().filter(v -> v.status() != ItemStatus.RETIRED)
                    .forEach(v -> store.setStatus(v.id(), ItemStatus.RETIRED));
            ServiceItem item = withIdentity(content, UUID.randomUUID().toString(), version, ItemStatus.PUBLISHED);
            item = new ServiceItem(item.id(), item.basicCode(), item.implementationCode(), item.version(), item.status(), item.name(),
                    item.type(), item.level(), item.legalBasis(), item.statutoryDays(), item.promisedDays(), item.departmentId(),
                    item.departmentName(), item.handlingType(), item.fees(), item.materials(), item.formSchema(), item.keywords(),
                    item.synonyms(), item.zones(), OffsetDateTime.now(ZoneOffset.UTC));
            store.insert(item);
            if (version == 1) {
                created++;
            } else {
                updated++;
            }
        }
        ImportResult result = new ImportResult(rows.size(), created, updated, unchanged);
        if (created + updated > 0) {
            store.bumpCatalogVersion();
        }
        audit.record("service-item.import", "service-catalog", true, result.summary());
        return result;
    }

    private ServiceItem checked(JsonNode body, String fixedImplementationCode) {
        if (body == null || !body.isObject()) {
            throw ProblemException.invalidField("body", "请求体应为 JSON 对象", "the body must be a JSON object");
        }
        ItemInput input;
        try {
            input = ItemStore.JSON.treeToValue(body, ItemInput.class);
        } catch (RuntimeException e) {
            throw ProblemException.invalidField("body", "字段类型有误：" + rootMessage(e), "wrong field type: " + rootMessage(e));
        }
        ItemRules.Checked c = ItemRules.check(input, "", organization);
        if (!c.ok()) {
            throw ProblemException.invalidFields(c.violations());
        }
        ServiceItem item = c.item();
        if (fixedImplementationCode != null && !fixedImplementationCode.equals(item.implementationCode())) {
            throw ProblemException.invalidField("implementationCode", "新版本不能改变实施编码 " + fixedImplementationCode,
                    "a version cannot change the implementation code " + fixedImplementationCode);
        }
        List<FieldViolation> same = ItemRules.sameEverywhere(item, store.sameBasicCodeElsewhere(item.basicCode(), item.implementationCode()), "");
        if (!same.isEmpty()) {
            throw ProblemException.invalidFields(same);
        }
        return item;
    }

    private void requireScope(Caller caller, ServiceItem item) {
        if (!caller.scope().allows(departmentRegion(item), null, null)) {
            throw ProblemException.forbidden("无权管理该部门的事项：" + item.departmentName(),
                    "not allowed to manage the items of " + item.departmentId());
        }
    }

    private String departmentRegion(ServiceItem item) {
        return organization.department(item.departmentId()).map(d -> d.regionCode()).orElse(null);
    }

    private static ServiceItem withIdentity(ServiceItem c, String id, int version, ItemStatus status) {
        return new ServiceItem(id, c.basicCode(), c.implementationCode(), version, status, c.name(), c.type(), c.level(),
                c.legalBasis(), c.statutoryDays(), c.promisedDays(), c.departmentId(), c.departmentName(), c.handlingType(),
                c.fees(), c.materials(), c.formSchema(), c.keywords(), c.synonyms(), c.zones(), c.publishedAt());
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }

}
