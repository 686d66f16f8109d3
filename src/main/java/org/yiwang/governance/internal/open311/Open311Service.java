package org.yiwang.governance.internal.open311;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import org.yiwang.calendar.WorkingCalendar;
import org.yiwang.crypto.PersonalDataKind;
import org.yiwang.crypto.PersonalDataVault;
import org.yiwang.governance.CityEvent;
import org.yiwang.governance.CityEventState;
import org.yiwang.governance.DeadlineUnit;
import org.yiwang.governance.EventCatalog;
import org.yiwang.governance.EventClass;
import org.yiwang.governance.EventKind;
import org.yiwang.governance.MatchRule;
import org.yiwang.governance.internal.events.CityEventService;
import org.yiwang.organization.Department;
import org.yiwang.organization.OrganizationDirectory;
import org.yiwang.organization.Region;
import org.yiwang.organization.RegionLevel;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.ProblemException;

/**
 * Open311 GeoReport v2 on top of the event catalog and city events. Services are the active subclasses (小类) of the
 * catalog; a POSTed request is reported through {@link CityEventService#report} (source {@code OPEN311}, the API key's
 * system as reporter) so it gets the same 属地, 事权清单, duplicate check, audit and idempotency as every other entrance;
 * requests are read back publicly without any personal data.
 */
@Service
class Open311Service {

    static final String SPEC = "http://wiki.open311.org/GeoReport_v2";
    static final int MAX_RESULTS = 1000;
    static final Duration DEFAULT_WINDOW = Duration.ofDays(90);
    private static final Pattern ATTRIBUTE = Pattern.compile("attribute\\[([^\\]]+)](\\[])?");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9()\\-\\s]{5,24}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Language of the descriptions in a response. */
    enum Lang {
        ZH, EN;

        String pick(String zh, String en) {
            return this == EN ? en : zh;
        }
    }

    /** One attribute of a service definition. */
    record Attribute(String appliesTo, String code, boolean variable, String datatype, boolean required, String datatypeDescription,
                     int order, String description, String descriptionEn, List<Value> values) {
    }

    /** One value of a list attribute. */
    record Value(String key, String name, String nameEn) {
    }

    /** The result of a POST. */
    record Posted(String serviceRequestId, String token, String serviceNotice, boolean replayed) {
    }

    private final EventCatalog catalog;
    private final CityEventService events;
    private final OrganizationDirectory directory;
    private final Open311Keys keys;
    private final PersonalDataVault vault;
    private final WorkingCalendar calendar;
    private final JdbcClient jdbc;
    private final List<String> extraJurisdictions;
    private final String contact;
    private final String keyService;

    Open311Service(EventCatalog catalog, CityEventService events, OrganizationDirectory directory, Open311Keys keys,
                   PersonalDataVault vault, WorkingCalendar calendar, JdbcClient jdbc,
                   @org.springframework.beans.factory.annotation.Value("${yiwang.open311.jurisdiction-ids:}") List<String> extraJurisdictions,
                   @org.springframework.beans.factory.annotation.Value("${yiwang.open311.contact:12345 政务服务便民热线 / 12345 citizen hotline}") String contact,
                   @org.springframework.beans.factory.annotation.Value("${yiwang.open311.key-service:向城市运行管理服务中心申请 API key / ask the city operations centre for an API key}") String keyService) {
        this.catalog = catalog;
        this.events = events;
        this.directory = directory;
        this.keys = keys;
        this.vault = vault;
        this.calendar = calendar;
        this.jdbc = jdbc;
        this.extraJurisdictions = extraJurisdictions.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        this.contact = contact;
        this.keyService = keyService;
    }

    // ------------------------------------------------------------------ discovery, jurisdiction

    Map<String, Object> discovery(String baseUrl) {
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("specification", SPEC);
        endpoint.put("url", baseUrl + "/open311/v2");
        endpoint.put("changeset", "2026-11-22T00:00:00+08:00");
        endpoint.put("type", "production");
        endpoint.put("formats", List.of("text/xml", "application/json"));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("changeset", "2026-11-22T00:00:00+08:00");
        d.put("contact", contact);
        d.put("key_service", keyService);
        d.put("endpoints", List.of(endpoint));
        return d;
    }

    /** The jurisdiction ids this endpoint answers to: the city's 12- and 6-digit codes and configured ones. */
    List<String> jurisdictions() {
        List<String> ids = new ArrayList<>();
        for (Region r : directory.regions()) {
            if (r.level() == RegionLevel.CITY && r.parentCode() == null) {
                ids.add(r.code());
                ids.add(r.divisionCode());
            }
        }
        ids.addAll(extraJurisdictions);
        return ids;
    }

    /** jurisdiction_id is optional (one jurisdiction per endpoint); when given it must be this city's. */
    void checkJurisdiction(String jurisdictionId) {
        if (jurisdictionId == null || jurisdictionId.isBlank()) {
            return;
        }
        if (!jurisdictions().contains(jurisdictionId.trim())) {
            throw new Open311Exception(404, "jurisdiction_id 不存在：" + jurisdictionId + "（本端点服务 " + jurisdictions() + "）",
                    "jurisdiction_id not found: " + jurisdictionId + " (this endpoint serves " + jurisdictions() + ")");
        }
    }

    // ------------------------------------------------------------------ services

    List<Map<String, Object>> services(Lang lang) {
        List<Attribute> all = attributes();
        List<Map<String, Object>> out = new ArrayList<>();
        for (EventClass c : catalog.list()) {
            if (!c.active()) {
                continue;
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("service_code", c.code());
            s.put("service_name", c.name());
            s.put("description", serviceDescription(c, lang));
            s.put("metadata", all.stream().anyMatch(a -> applies(a, c.code())));
            s.put("type", "realtime");
            s.put("keywords", String.join(", ", kindName(c.kind(), lang), c.majorName(), c.name(), c.standardCode()));
            s.put("group", c.majorName());
            out.add(s);
        }
        return out;
    }

    private static String kindName(EventKind kind, Lang lang) {
        return kind == EventKind.COMPONENT ? lang.pick("部件", "component") : lang.pick("事件", "event");
    }

    private static String serviceDescription(EventClass c, Lang lang) {
        String unit = c.deadlineUnit() == DeadlineUnit.WORKING_DAYS ? lang.pick(" 个工作日", " working days") : lang.pick(" 个工作小时", " working hours");
        return lang.pick("立案条件：" + c.filingCondition() + "；处置时限：" + c.deadlineAmount() + unit + "；结案条件：" + c.closingCondition(),
                "Filed when: " + c.filingCondition() + "; time limit: " + c.deadlineAmount() + unit + "; closed when: " + c.closingCondition());
    }

    Map<String, Object> definition(String code, Lang lang) {
        EventClass c = activeClass(code);
        List<Map<String, Object>> attrs = new ArrayList<>();
        for (Attribute a : attributesOf(c.code())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("variable", a.variable());
            m.put("code", a.code());
            m.put("datatype", a.datatype());
            m.put("required", a.required());
            m.put("datatype_description", a.datatypeDescription());
            m.put("order", a.order());
            m.put("description", lang.pick(a.description(), a.descriptionEn()));
            if (a.datatype().endsWith("valuelist")) {
                List<Map<String, Object>> values = new ArrayList<>();
                for (Value v : a.values()) {
                    Map<String, Object> vm = new LinkedHashMap<>();
                    vm.put("key", v.key());
                    vm.put("name", lang.pick(v.name(), v.nameEn()));
                    values.add(vm);
                }
                m.put("values", values);
            }
            attrs.add(m);
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("service_code", c.code());
        d.put("attributes", attrs);
        return d;
    }

    private EventClass activeClass(String code) {
        if (code == null || code.isBlank()) {
            throw Open311Exception.badRequest("缺少 service_code", "service_code is required");
        }
        return catalog.find(code.trim()).filter(EventClass::active).orElseThrow(() -> Open311Exception.badRequest(
                "未知的 service_code：" + code + "（见 services.json）", "Unknown service_code: " + code + " (see services.json)"));
    }

    List<Attribute> attributes() {
        Map<String, List<Value>> values = new LinkedHashMap<>();
        jdbc.sql("select * from gov_open311_attribute_value order by sort_order, value_key").query(rs -> {
            values.computeIfAbsent(rs.getString("applies_to") + "|" + rs.getString("attribute_code"), k -> new ArrayList<>())
                    .add(new Value(rs.getString("value_key"), rs.getString("name"), rs.getString("name_en")));
        });
        return jdbc.sql("select * from gov_open311_attribute order by sort_order, code").query((rs, i) -> new Attribute(
                rs.getString("applies_to"), rs.getString("code"), rs.getBoolean("variable"), rs.getString("datatype"),
                rs.getBoolean("required"), rs.getString("datatype_description"), rs.getInt("sort_order"), rs.getString("description"),
                rs.getString("description_en"), values.getOrDefault(rs.getString("applies_to") + "|" + rs.getString("code"), List.of())))
                .list();
    }

    private static boolean applies(Attribute a, String classCode) {
        return a.appliesTo().equals("*") || a.appliesTo().equals(classCode) || (a.appliesTo().length() == 1 && classCode.startsWith(a.appliesTo()));
    }

    List<Attribute> attributesOf(String classCode) {
        return attributes().stream().filter(a -> applies(a, classCode)).toList();
    }

    // ------------------------------------------------------------------ POST requests

    /**
     * Creates a service request: checks the api_key (403), jurisdiction (404), service_code, location, attributes and
     * contact fields (400), then reports the event as the key's system. A repeated {@code Idempotency-Key} returns the
     * first request.
     */
    @Transactional
    public Posted post(Map<String, String[]> params, String idempotencyKey) {
        Open311Keys.Key key = keys.verify(one(params, "api_key")).orElseThrow(() -> new Open311Exception(403,
                "api_key 无效或缺失，不能创建请求", "Invalid or missing api_key: cannot create the request"));
        String jurisdictionId = one(params, "jurisdiction_id");
        checkJurisdiction(jurisdictionId);
        EventClass cls = activeClass(one(params, "service_code"));
        List<Open311Exception.Error> errors = new ArrayList<>();

        // location: lat + long, or a standard address (address_id = its code, address_string = its text)
        String latText = one(params, "lat");
        String lonText = one(params, "long");
        String addressString = one(params, "address_string");
        String addressId = one(params, "address_id");
        Double lat = null;
        Double lon = null;
        if (latText != null || lonText != null) {
            lat = number(latText);
            lon = number(lonText);
            if (lat == null || Math.abs(lat) > 90) {
                errors.add(new Open311Exception.Error("lat 应为 -90 到 90 之间的纬度（WGS-84）", "lat must be a WGS-84 latitude from -90 to 90"));
            }
            if (lon == null || Math.abs(lon) > 180) {
                errors.add(new Open311Exception.Error("long 应为 -180 到 180 之间的经度（WGS-84）", "long must be a WGS-84 longitude from -180 to 180"));
            }
        } else if (addressId != null || addressString != null) {
            Optional<double[]> point = addressId != null ? addressById(addressId) : addressByText(addressString);
            if (point.isEmpty()) {
                errors.add(new Open311Exception.Error(
                        (addressId != null ? "address_id" : "address_string") + " 不是本市的标准地址，请提供 lat/long",
                        (addressId != null ? "address_id" : "address_string") + " is not a standard address of the city; send lat/long"));
            } else {
                lon = point.get()[0];
                lat = point.get()[1];
            }
        } else {
            errors.add(new Open311Exception.Error("须提供位置：lat 和 long，或 address_string / address_id",
                    "A location is required: lat and long, or address_string / address_id"));
        }
        if (addressString != null && addressString.length() > 500) {
            errors.add(new Open311Exception.Error("address_string 不超过 500 字", "address_string must be at most 500 characters"));
        }

        // attributes of the service definition
        Map<String, Object> given = attributeValues(params);
        StringBuilder attributeText = new StringBuilder();
        List<Attribute> defs = attributesOf(cls.code());
        for (String code : given.keySet()) {
            if (defs.stream().noneMatch(a -> a.code().equals(code) && a.variable())) {
                errors.add(new Open311Exception.Error("服务 " + cls.code() + " 没有属性 attribute[" + code + "]",
                        "Service " + cls.code() + " has no attribute attribute[" + code + "]"));
            }
        }
        for (Attribute a : defs) {
            if (!a.variable()) {
                continue;
            }
            Object v = given.get(a.code());
            if (v == null) {
                if (a.required()) {
                    errors.add(new Open311Exception.Error("缺少必填属性 attribute[" + a.code() + "]（" + a.description() + "）",
                            "Missing required attribute attribute[" + a.code() + "] (" + a.descriptionEn() + ")"));
                }
                continue;
            }
            String problem = checkAttribute(a, v);
            if (problem != null) {
                errors.add(new Open311Exception.Error("attribute[" + a.code() + "] 无效：" + problem, "attribute[" + a.code() + "] is invalid: " + problem));
                continue;
            }
            attributeText.append(attributeText.isEmpty() ? "" : "；").append(a.description()).append("：").append(label(a, v));
        }

        // the reporter's contact details (personal data, stored encrypted)
        String email = one(params, "email");
        String phone = one(params, "phone");
        String firstName = one(params, "first_name");
        String lastName = one(params, "last_name");
        if (email != null && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
            errors.add(new Open311Exception.Error("email 格式无效", "email is not a valid e-mail address"));
        }
        if (phone != null && !PHONE.matcher(phone).matches()) {
            errors.add(new Open311Exception.Error("phone 格式无效", "phone is not a valid phone number"));
        }
        if (firstName != null && firstName.length() > 100 || lastName != null && lastName.length() > 100) {
            errors.add(new Open311Exception.Error("first_name / last_name 不超过 100 字", "first_name / last_name must be at most 100 characters"));
        }
        String mediaUrl = one(params, "media_url");
        if (mediaUrl != null && !publicUrl(mediaUrl)) {
            errors.add(new Open311Exception.Error("media_url 应为 http(s) 绝对地址，不超过 1000 字", "media_url must be an absolute http(s) URL of at most 1000 characters"));
        }
        String description = one(params, "description");
        if (description != null && description.length() > 4000) {
            errors.add(new Open311Exception.Error("description 不超过 4000 字", "description must be at most 4000 characters"));
        }
        String deviceId = one(params, "device_id");
        if (!errors.isEmpty()) {
            throw new Open311Exception(400, errors);
        }

        String text = description == null ? cls.name() : description;
        if (addressString != null) {
            text = text + "\n［地址］" + addressString;
        }
        if (!attributeText.isEmpty()) {
            text = text + "\n［附加信息］" + attributeText;
        }
        CityEventService.ReportRequest report = new CityEventService.ReportRequest("OPEN311", cls.code(), text, lon, lat, List.of(), null);
        CityEventService.Reported reported;
        try {
            reported = Callers.callAs(key.caller(), () -> events.report(report, idempotencyKey));
        } catch (ProblemException e) {
            throw translate(e);
        }
        CityEvent e = reported.event();
        String token;
        if (reported.replayed()) {
            token = jdbc.sql("select token from gov_open311_request where event_id = ?").param(e.id()).query(String.class).single();
        } else {
            token = UUID.randomUUID().toString();
            jdbc.sql("insert into gov_open311_request (event_id, token, api_key_id, jurisdiction_id, service_code, description, address_string, "
                            + "media_url, attributes, device_id, email_enc, phone_enc, first_name_enc, last_name_enc, created_at) "
                            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(e.id(), token, key.id(), jurisdictionId, cls.code(), description, addressString, mediaUrl,
                            given.isEmpty() ? null : JSON.writeValueAsString(given), deviceId,
                            protect(PersonalDataKind.EMAIL, email), protect(PersonalDataKind.PHONE, phone),
                            protect(PersonalDataKind.NAME, firstName), protect(PersonalDataKind.NAME, lastName),
                            Timestamp.from(Instant.now())).update();
        }
        return new Posted(e.eventNo(), token, notice(e), reported.replayed());
    }

    private String protect(PersonalDataKind kind, String value) {
        return value == null ? null : vault.protect(kind, value).cipherText();
    }

    private static String notice(CityEvent e) {
        String n = "已受理，事件编号 " + e.eventNo() + "，待监督中心立案 / received as " + e.eventNo() + ", waiting to be filed";
        if (e.matchRule() == MatchRule.OUTSIDE) {
            n += "；位置在本市范围外，已按属地兜底受理 / the location is outside the city and was accepted by the fallback rule (属地兜底)";
        }
        return n;
    }

    /** Maps the entrance's field names back to Open311's in an error document. */
    static Open311Exception translate(ProblemException e) {
        if (e.violations().isEmpty()) {
            return new Open311Exception(e.status().value(), e.messageZh(), e.messageEn());
        }
        List<Open311Exception.Error> errors = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (FieldViolation v : e.violations()) {
            String field = switch (v.field()) {
                case "lon" -> "long";
                case "classCode" -> "service_code";
                default -> v.field();
            };
            if (seen.add(field + v.messageEn())) {
                errors.add(new Open311Exception.Error(field + "：" + v.messageZh(), field + ": " + v.messageEn()));
            }
        }
        return new Open311Exception(e.status().value(), errors);
    }

    private Optional<double[]> addressById(String code) {
        return jdbc.sql("select lon, lat from gov_address where code = ?").param(code.trim())
                .query((rs, i) -> new double[] {rs.getDouble("lon"), rs.getDouble("lat")}).optional();
    }

    private Optional<double[]> addressByText(String text) {
        String t = text.trim().replaceAll("\\s+", "");
        List<double[]> hits = jdbc.sql("select lon, lat from gov_address where full_address = ? or address = ?").params(t, t)
                .query((rs, i) -> new double[] {rs.getDouble("lon"), rs.getDouble("lat")}).list();
        return hits.size() == 1 ? Optional.of(hits.get(0)) : Optional.empty();
    }

    private static Map<String, Object> attributeValues(Map<String, String[]> params) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> p : params.entrySet()) {
            Matcher m = ATTRIBUTE.matcher(p.getKey());
            if (!m.matches()) {
                continue;
            }
            List<String> vals = Arrays.stream(p.getValue()).filter(v -> v != null && !v.isBlank()).map(String::trim).toList();
            if (vals.isEmpty()) {
                continue;
            }
            out.put(m.group(1), m.group(2) != null || vals.size() > 1 ? vals : vals.get(0));
        }
        return out;
    }

    private String checkAttribute(Attribute a, Object v) {
        List<String> vals = v instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(v));
        if (!a.datatype().equals("multivaluelist") && vals.size() > 1) {
            return "只能有一个值 / only one value is allowed";
        }
        for (String s : vals) {
            if (s.length() > 500) {
                return "过长 / too long";
            }
            switch (a.datatype()) {
                case "number" -> {
                    if (number(s) == null) {
                        return "应为数字 / must be a number";
                    }
                }
                case "datetime" -> {
                    if (parseTime(s, false) == null) {
                        return "应为 ISO 8601 时间 / must be an ISO 8601 date-time";
                    }
                }
                case "singlevaluelist", "multivaluelist" -> {
                    if (a.values().stream().noneMatch(x -> x.key().equals(s))) {
                        return "应为 " + a.values().stream().map(Value::key).toList() + " 之一 / must be one of "
                                + a.values().stream().map(Value::key).toList();
                    }
                }
                default -> {
                    if (a.code().equals("part_code") && !s.matches("\\d{16}")) {
                        return "应为 16 位数字 / must be 16 digits";
                    }
                }
            }
        }
        return null;
    }

    private static String label(Attribute a, Object v) {
        List<String> vals = v instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(v));
        return String.join("、", vals.stream().map(s -> a.values().stream().filter(x -> x.key().equals(s)).map(Value::name)
                .findFirst().orElse(s)).toList());
    }

    private static boolean publicUrl(String url) {
        if (url.length() > 1000) {
            return false;
        }
        try {
            java.net.URI u = new java.net.URI(url);
            return u.isAbsolute() && u.getHost() != null && ("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    static String one(Map<String, String[]> params, String name) {
        String[] v = params.get(name);
        if (v == null || v.length == 0 || v[0] == null || v[0].isBlank()) {
            return null;
        }
        return v[0].trim();
    }

    private static Double number(String s) {
        if (s == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(s.trim());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ GET requests, tokens

    /** One request as GeoReport v2 shows it (no personal data). */
    private record Request(String eventNo, String state, String rejectReason, String mergedIntoNo, boolean longTerm, String classCode,
                           String description, String openDescription, String departmentId, Instant createdAt, Instant updatedAt,
                           Instant deadline, String regionCode, String matchRule, double lat, double lon, String addressString,
                           String mediaUrl) {
    }

    private static final String SELECT = "select e.event_no, e.state, e.reject_reason, m.event_no as merged_no, e.long_term, e.class_code, "
            + "e.description, o.description as open_description, e.department_id, e.created_at, e.updated_at, e.deadline, e.region_code, "
            + "e.match_rule, e.lat, e.lon, o.address_string, o.media_url from gov_event e "
            + "left join gov_open311_request o on o.event_id = e.id left join gov_event m on m.id = e.merged_into ";

    private static Request request(ResultSet rs) throws SQLException {
        Timestamp deadline = rs.getTimestamp("deadline");
        return new Request(rs.getString("event_no"), rs.getString("state"), rs.getString("reject_reason"), rs.getString("merged_no"),
                rs.getBoolean("long_term"), rs.getString("class_code"), rs.getString("description"), rs.getString("open_description"),
                rs.getString("department_id"), rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                deadline == null ? null : deadline.toInstant(), rs.getString("region_code"), rs.getString("match_rule"), rs.getDouble("lat"),
                rs.getDouble("lon"), rs.getString("address_string"), rs.getString("media_url"));
    }

    /**
     * GET requests: by {@code service_request_id} (comma-separated; other filters then ignored, as the spec says), else
     * by service_code (comma-separated), start_date/end_date (ISO 8601; default the last 90 days) and status
     * (open/closed); newest first, at most 1000.
     */
    @Transactional(readOnly = true)
    public List<Map<String, Object>> requests(Map<String, String[]> params, Lang lang) {
        checkJurisdiction(one(params, "jurisdiction_id"));
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        String ids = one(params, "service_request_id");
        if (ids != null) {
            List<String> list = Arrays.stream(ids.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().limit(MAX_RESULTS).toList();
            where.add("e.event_no in (" + String.join(",", list.stream().map(s -> "?").toList()) + ")");
            args.addAll(list);
        } else {
            String codes = one(params, "service_code");
            if (codes != null) {
                List<String> list = Arrays.stream(codes.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
                where.add("e.class_code in (" + String.join(",", list.stream().map(s -> "?").toList()) + ")");
                args.addAll(list);
            }
            Instant start = time(params, "start_date", false);
            Instant end = time(params, "end_date", true);
            if (start != null && end != null && start.isAfter(end)) {
                throw Open311Exception.badRequest("start_date 晚于 end_date", "start_date is after end_date");
            }
            if (start == null && end == null) {
                start = Instant.now().minus(DEFAULT_WINDOW);
            }
            if (start != null) {
                where.add("e.created_at >= ?");
                args.add(Timestamp.from(start));
            }
            if (end != null) {
                where.add("e.created_at <= ?");
                args.add(Timestamp.from(end));
            }
            String status = one(params, "status");
            if (status != null) {
                Set<String> states = new LinkedHashSet<>();
                for (String s : status.split(",")) {
                    switch (s.trim().toLowerCase()) {
                        case "open" -> states.addAll(OPEN);
                        case "closed" -> states.addAll(CLOSED);
                        default -> throw Open311Exception.badRequest("status 应为 open 或 closed：" + s, "status must be open or closed: " + s);
                    }
                }
                where.add("e.state in (" + String.join(",", states.stream().map(s -> "?").toList()) + ")");
                args.addAll(states);
            }
        }
        String sql = SELECT + (where.isEmpty() ? "" : "where " + String.join(" and ", where))
                + " order by e.created_at desc, e.event_no desc fetch first " + MAX_RESULTS + " rows only";
        var spec = jdbc.sql(sql);
        for (int i = 0; i < args.size(); i++) {
            spec = spec.param(i + 1, args.get(i));
        }
        return spec.query((rs, i) -> request(rs)).list().stream().map(r -> view(r, lang)).toList();
    }

    /** requests/{id}: the one request (404 error document when unknown). */
    @Transactional(readOnly = true)
    public List<Map<String, Object>> request(String serviceRequestId, String jurisdictionId, Lang lang) {
        checkJurisdiction(jurisdictionId);
        return jdbc.sql(SELECT + "where e.event_no = ?").param(serviceRequestId).query((rs, i) -> request(rs)).optional()
                .map(r -> List.of(view(r, lang))).orElseThrow(() -> new Open311Exception(404,
                        "未找到服务请求：" + serviceRequestId, "Service request not found: " + serviceRequestId));
    }

    /** tokens/{token}: the service_request_id a POST's token stands for. */
    @Transactional(readOnly = true)
    public List<Map<String, Object>> token(String token, String jurisdictionId) {
        checkJurisdiction(jurisdictionId);
        return jdbc.sql("select e.event_no from gov_open311_request o join gov_event e on e.id = o.event_id where o.token = ?").param(token)
                .query(String.class).optional().map(no -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("service_request_id", no);
                    m.put("token", token);
                    return List.of(m);
                }).orElseThrow(() -> new Open311Exception(404, "未找到 token：" + token, "Token not found: " + token));
    }

    static final List<String> OPEN = List.of(CityEventState.REPORTED.name(), CityEventState.FILED.name(), CityEventState.DISPATCHED.name(),
            CityEventState.HANDLED.name(), CityEventState.SUSPENDED.name());
    static final List<String> CLOSED = List.of(CityEventState.CLOSED.name(), CityEventState.REJECTED.name(), CityEventState.MERGED.name());

    private Map<String, Object> view(Request r, Lang lang) {
        ZoneId zone = calendar.zone();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service_request_id", r.eventNo());
        m.put("status", CLOSED.contains(r.state()) ? "closed" : "open");
        m.put("status_notes", statusNotes(r, lang));
        Optional<EventClass> cls = r.classCode() == null ? Optional.empty() : catalog.find(r.classCode());
        m.put("service_name", cls.map(EventClass::name).orElse(null));
        m.put("service_code", r.classCode());
        m.put("description", r.openDescription() != null ? r.openDescription() : r.description());
        m.put("agency_responsible", r.departmentId() == null ? null : directory.department(r.departmentId()).map(Department::name).orElse(r.departmentId()));
        m.put("service_notice", MatchRule.OUTSIDE.name().equals(r.matchRule())
                ? lang.pick("位置在本市范围外，按属地兜底受理", "outside the city, accepted by the fallback rule (属地兜底)") : null);
        m.put("requested_datetime", iso(r.createdAt(), zone));
        m.put("updated_datetime", iso(r.updatedAt(), zone));
        m.put("expected_datetime", iso(r.deadline(), zone));
        m.put("address", r.addressString() != null ? r.addressString() : regionPath(r.regionCode()));
        m.put("address_id", null);
        m.put("zipcode", null);
        m.put("lat", r.lat());
        m.put("long", r.lon());
        if (r.mediaUrl() != null) { // only a URL the client itself published; the platform's photos are not public
            m.put("media_url", r.mediaUrl());
        }
        return m;
    }

    private static String statusNotes(Request r, Lang lang) {
        CityEventState s = CityEventState.valueOf(r.state());
        return switch (s) {
            case REPORTED -> lang.pick("已受理，待立案", "Received, waiting to be filed");
            case FILED -> lang.pick("已立案，待派遣", "Filed, waiting to be dispatched");
            case DISPATCHED -> lang.pick("已派遣，处置中", "Dispatched, being handled");
            case HANDLED -> lang.pick("已处置，待核查", "Handled, waiting for verification");
            case SUSPENDED -> r.longTerm() ? lang.pick("挂账（长期办理）", "Long-term case (挂账)") : lang.pick("缓办", "Suspended (缓办)");
            case CLOSED -> lang.pick("已结案", "Closed after verification");
            case REJECTED -> lang.pick("不予立案：", "Not filed: ") + (r.rejectReason() == null ? "" : r.rejectReason());
            case MERGED -> lang.pick("重复案件，已合并至 ", "Duplicate, merged into ") + r.mergedIntoNo();
        };
    }

    static String iso(Instant t, ZoneId zone) {
        return t == null ? null : OffsetDateTime.ofInstant(t.truncatedTo(ChronoUnit.SECONDS), zone).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private String regionPath(String code) {
        if (code == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        String c = code;
        int guard = 0;
        while (c != null && guard++ < 8) {
            Optional<Region> r = directory.region(c);
            if (r.isEmpty()) {
                break;
            }
            names.add(0, r.get().name());
            c = r.get().parentCode();
        }
        return names.isEmpty() ? null : String.join("", names);
    }

    private Instant time(Map<String, String[]> params, String name, boolean endOfDay) {
        String v = one(params, name);
        if (v == null) {
            return null;
        }
        Instant t = parseTime(v, endOfDay);
        if (t == null) {
            throw Open311Exception.badRequest(name + " 应为 ISO 8601 时间（如 2026-11-22T08:00:00+08:00）或日期",
                    name + " must be an ISO 8601 date-time (e.g. 2026-11-22T08:00:00+08:00) or date");
        }
        return t;
    }

    private Instant parseTime(String v, boolean endOfDay) {
        try {
            if (v.length() == 10) {
                LocalDate d = LocalDate.parse(v);
                return (endOfDay ? d.plusDays(1).atStartOfDay(calendar.zone()).minusNanos(1) : d.atStartOfDay(calendar.zone())).toInstant();
            }
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(v);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
