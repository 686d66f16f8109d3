package org.yiwang.sensing.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.yiwang.audit.AuditLog;
import org.yiwang.crypto.CryptoProvider;
import org.yiwang.governance.GridLocator;
import org.yiwang.governance.GridMatch;
import org.yiwang.governance.MatchRule;
import org.yiwang.organization.OrganizationDirectory;
import org.yiwang.sensing.Device;
import org.yiwang.sensing.DeviceStatus;
import org.yiwang.shared.security.AccessScope;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.ProblemException;

/**
 * Devices (感知设备) and their credentials. A device's secret is random, shown once at creation and stored only as
 * SM3(salt ‖ secret) with a per-device salt; MQTT connections and HTTP uploads are checked against it.
 */
@Service
public class DeviceService {

    static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{2,63}");
    static final String COLUMNS = "device_id, name, type_code, lon, lat, grid_code, region_code, owner_department_id, status, last_seen_at";

    private final JdbcTemplate jdbc;
    private final CryptoProvider crypto;
    private final GridLocator grids;
    private final OrganizationDirectory organization;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Credential> credentials = new ConcurrentHashMap<>();
    private volatile Map<String, DeviceType> types;

    public DeviceService(JdbcTemplate jdbc, CryptoProvider crypto, GridLocator grids, OrganizationDirectory organization,
                         AuditLog audit) {
        this.jdbc = jdbc;
        this.crypto = crypto;
        this.grids = grids;
        this.organization = organization;
        this.audit = audit;
        this.clock = Clock.systemUTC();
    }

    /** What a device authenticates with, cached by id. */
    record Credential(String deviceId, String typeCode, byte[] salt, byte[] hash) {
    }

    /** A new device: its view and the secret, shown this once. */
    public record Created(Device device, String secret) {
    }

    /** The device types with their metrics, by code (reference data from the migrations). */
    public Map<String, DeviceType> types() {
        Map<String, DeviceType> t = types;
        if (t == null) {
            Map<String, List<MetricDef>> metrics = new LinkedHashMap<>();
            jdbc.query("select type_code, code, name_zh, name_en, unit, min_value, max_value from sensing_metric order by type_code, code",
                    rs -> {
                        metrics.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new MetricDef(rs.getString(1),
                                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getDouble(6), rs.getDouble(7)));
                    });
            Map<String, DeviceType> loaded = new LinkedHashMap<>();
            jdbc.query("select code, name_zh, name_en from sensing_device_type order by code", rs -> {
                loaded.put(rs.getString(1), new DeviceType(rs.getString(1), rs.getString(2), rs.getString(3),
                        metrics.getOrDefault(rs.getString(1), List.of())));
            });
            types = t = Map.copyOf(loaded);
        }
        return t;
    }

    /**
     * Registers a device as the current caller (who must hold {@code device:manage} and see the department and region).
     * The location is mapped to a grid; a point outside the city is refused.
     */
    @Transactional
    public Created create(Caller caller, String deviceId, String name, String typeCode, Double lon, Double lat,
                          String ownerDepartmentId) {
        List<FieldViolation> errors = new ArrayList<>();
        if (deviceId == null || !DEVICE_ID.matcher(deviceId).matches()) {
            errors.add(new FieldViolation("deviceId", "须为 3–64 位字母、数字、- 或 _", "must be 3–64 letters, digits, - or _"));
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            errors.add(new FieldViolation("name", "不能为空且不超过 200 字", "must be 1–200 characters"));
        }
        if (typeCode == null || !types().containsKey(typeCode)) {
            errors.add(new FieldViolation("typeCode", "未知的设备类型", "unknown device type"));
        }
        if (ownerDepartmentId == null || organization.department(ownerDepartmentId).isEmpty()) {
            errors.add(new FieldViolation("ownerDepartmentId", "未知的部门", "unknown department"));
        }
        GridMatch match = null;
        if (lon == null || !Double.isFinite(lon) || lon < -180 || lon > 180) {
            errors.add(new FieldViolation("lon", "经度须在 -180 到 180 之间", "longitude must be between -180 and 180"));
        }
        if (lat == null || !Double.isFinite(lat) || lat < -90 || lat > 90) {
            errors.add(new FieldViolation("lat", "纬度须在 -90 到 90 之间", "latitude must be between -90 and 90"));
        }
        if (lon != null && lat != null && errors.stream().noneMatch(e -> e.field().equals("lon") || e.field().equals("lat"))) {
            match = grids.resolve(lon, lat);
            if (match.rule() == MatchRule.OUTSIDE || match.regionCode() == null) {
                errors.add(new FieldViolation("lon", "位置不在本市范围内", "the location is outside the city"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields(errors);
        }
        AccessScope scope = caller.scope();
        if (!scope.allows(match.regionCode(), ownerDepartmentId, null)) {
            throw ProblemException.forbidden("无权在该区域或部门登记设备", "You may not register devices for this region or department");
        }
        Integer exists = jdbc.queryForObject("select count(*) from sensing_device where device_id = ?", Integer.class, deviceId);
        if (exists != null && exists > 0) {
            throw ProblemException.conflict("device-exists", "设备编号已存在：" + deviceId, "Device id already exists: " + deviceId);
        }
        String secret = newSecret();
        return new Created(insert(deviceId, name, typeCode, lon, lat, match, ownerDepartmentId, secret), secret);
    }

    /** Registers a device with a given secret (the demo city's devices use known demo secrets). */
    @Transactional
    public Device createWithSecret(String deviceId, String name, String typeCode, double lon, double lat, String ownerDepartmentId,
                                   String secret) {
        GridMatch match = grids.resolve(lon, lat);
        if (match.regionCode() == null) {
            throw new IllegalArgumentException("Device " + deviceId + " lies outside the city");
        }
        return insert(deviceId, name, typeCode, lon, lat, match, ownerDepartmentId, secret);
    }

    private Device insert(String deviceId, String name, String typeCode, double lon, double lat, GridMatch match,
                          String ownerDepartmentId, String secret) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] hash = hash(salt, secret);
        Instant now = clock.instant();
        jdbc.update("insert into sensing_device (device_id, name, type_code, lon, lat, grid_code, region_code, owner_department_id,"
                        + " secret_salt, secret_hash, status, last_seen_at, created_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                deviceId, name, typeCode, lon, lat, match.gridCode(), match.regionCode(), ownerDepartmentId,
                HexFormat.of().formatHex(salt), HexFormat.of().formatHex(hash), DeviceStatus.OFFLINE.name(), null, at(now));
        credentials.remove(deviceId);
        audit.record("device.create", "device:" + deviceId, true, "type=" + typeCode + " grid=" + match.gridCode()
                + " department=" + ownerDepartmentId);
        return new Device(deviceId, name, typeCode, lon, lat, match.gridCode(), match.regionCode(), ownerDepartmentId,
                DeviceStatus.OFFLINE, null);
    }

    private String newSecret() {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private byte[] hash(byte[] salt, String secret) {
        byte[] s = secret.getBytes(StandardCharsets.UTF_8);
        byte[] in = new byte[salt.length + s.length];
        System.arraycopy(salt, 0, in, 0, salt.length);
        System.arraycopy(s, 0, in, salt.length, s.length);
        return crypto.sm3(in);
    }

    /** The credential of a device, or null when there is no such device. */
    Credential credential(String deviceId) {
        if (deviceId == null) {
            return null;
        }
        Credential c = credentials.get(deviceId);
        if (c == null) {
            List<Credential> found = jdbc.query("select device_id, type_code, secret_salt, secret_hash from sensing_device where device_id = ?",
                    (rs, i) -> new Credential(rs.getString(1), rs.getString(2), HexFormat.of().parseHex(rs.getString(3)),
                            HexFormat.of().parseHex(rs.getString(4))), deviceId);
            if (found.isEmpty()) {
                return null;
            }
            c = found.get(0);
            credentials.put(deviceId, c);
        }
        return c;
    }

    /** Checks a device's secret in constant time. */
    boolean matches(Credential credential, String secret) {
        return credential != null && secret != null && MessageDigest.isEqual(credential.hash(), hash(credential.salt(), secret));
    }

    /** Devices visible to the caller, ordered by id (optionally of one type or region subtree). */
    public List<Device> list(Caller caller, String typeCode) {
        AccessScope.Predicate p = caller.scope().where("region_code", "owner_department_id", null);
        List<Object> params = new ArrayList<>(p.params());
        String sql = "select " + COLUMNS + " from sensing_device where " + p.sql();
        if (typeCode != null && !typeCode.isBlank()) {
            sql += " and type_code = ?";
            params.add(typeCode);
        }
        return jdbc.query(sql + " order by device_id", DeviceService::map, params.toArray());
    }

    /** One device if the caller may see it; 404 otherwise (no hint that it exists). */
    public Device get(Caller caller, String deviceId) {
        Device d = find(deviceId).orElseThrow(() -> ProblemException.notFound("设备", deviceId));
        if (!caller.scope().allows(d.regionCode(), d.ownerDepartmentId(), null)) {
            throw ProblemException.notFound("设备", deviceId);
        }
        return d;
    }

    public Optional<Device> find(String deviceId) {
        return jdbc.query("select " + COLUMNS + " from sensing_device where device_id = ?", DeviceService::map, deviceId).stream().findFirst();
    }

    public List<Device> all() {
        return jdbc.query("select " + COLUMNS + " from sensing_device order by device_id", DeviceService::map);
    }

    /** Flips ONLINE devices with no reading within the timeout to OFFLINE; returns how many. */
    @Transactional
    public int markOffline(java.time.Duration timeout) {
        return jdbc.update("update sensing_device set status = ? where status = ? and (last_seen_at is null or last_seen_at < ?)",
                DeviceStatus.OFFLINE.name(), DeviceStatus.ONLINE.name(), at(clock.instant().minus(timeout)));
    }

    static Device map(ResultSet rs, int i) throws SQLException {
        OffsetDateTime seen = rs.getObject(10, OffsetDateTime.class);
        return new Device(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4), rs.getDouble(5), rs.getString(6),
                rs.getString(7), rs.getString(8), DeviceStatus.valueOf(rs.getString(9)), seen == null ? null : seen.toInstant());
    }

    static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
