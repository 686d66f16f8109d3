package org.yiwang.sensing.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.yiwang.sensing.Device;
import org.yiwang.sensing.SensorReadings;
import org.yiwang.sensing.SeriesPoint;
import org.yiwang.sensing.SeriesStep;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.ProblemException;

/** REST API of the sensing module. */
@RestController
@RequestMapping("/api/v1")
class DeviceController {

    private final DeviceService devices;
    private final IngestionService ingestion;
    private final ReadingWriter writer;
    private final SensorReadings readings;
    private final MqttIngestion mqtt;

    DeviceController(DeviceService devices, IngestionService ingestion, ReadingWriter writer, SensorReadings readings,
                     MqttIngestion mqtt) {
        this.mqtt = mqtt;
        this.devices = devices;
        this.ingestion = ingestion;
        this.writer = writer;
        this.readings = readings;
    }

    record NewDevice(String deviceId, String name, String typeCode, Double lon, Double lat, String ownerDepartmentId) {
    }

    record CreatedDevice(Device device, String secret, String mqttTopic) {
    }

    static Caller officer() {
        Caller c = Callers.current();
        if (!c.isOfficerOrAdmin()) {
            throw ProblemException.forbidden("仅限工作人员", "Officers only");
        }
        return c;
    }

    @GetMapping("/device-types")
    Collection<DeviceType> types() {
        Callers.current();
        return devices.types().values();
    }

    @Operation(summary = "Devices visible to the caller (scoped by region and owner department)")
    @GetMapping("/devices")
    List<Device> list(@RequestParam(required = false) String type) {
        return devices.list(officer(), type);
    }

    @Operation(summary = "Register a device; its secret is returned only in this response")
    @PostMapping("/devices")
    ResponseEntity<CreatedDevice> create(@RequestBody NewDevice body) {
        Caller c = Callers.require("device:manage");
        DeviceService.Created created = devices.create(c, body.deviceId(), body.name(), body.typeCode(), body.lon(), body.lat(),
                body.ownerDepartmentId());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new CreatedDevice(created.device(), created.secret(), MqttIngestion.topicOf(created.device().deviceId())));
    }

    @GetMapping("/devices/{deviceId}")
    Device get(@PathVariable String deviceId) {
        return devices.get(officer(), deviceId);
    }

    @Operation(summary = "Upload readings as the device itself (header X-Device-Secret); invalid readings are rejected and counted, the rest kept")
    @PostMapping("/devices/{deviceId}/readings")
    ResponseEntity<IngestionService.Outcome> upload(@PathVariable String deviceId,
                                                    @RequestHeader(name = "X-Device-Secret", required = false) String secret,
                                                    @RequestBody(required = false) byte[] body) {
        IngestionService.Outcome outcome = ingestion.ingestWithSecret(deviceId, secret, body == null ? new byte[0] : body);
        if (outcome == null) {
            throw new ProblemException(HttpStatus.UNAUTHORIZED, "bad-device-credentials", "设备编号或密钥错误",
                    "Unknown device or wrong device secret");
        }
        if (outcome.accepted() == 0 && outcome.rejected().size() == 1
                && IngestionService.MALFORMED.equals(outcome.rejected().get(0).reason())) {
            throw ProblemException.invalidField("body", "不是有效的读数 JSON", "not a valid readings JSON document");
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(outcome);
    }

    @Operation(summary = "Time series of one metric: step raw, 1m or 1h")
    @GetMapping("/devices/{deviceId}/series")
    List<SeriesPoint> series(@PathVariable String deviceId, @RequestParam(required = false) String metric,
                             @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                             @RequestParam(defaultValue = "raw") String step) {
        Device d = devices.get(officer(), deviceId);
        DeviceType type = devices.types().get(d.typeCode());
        if (metric == null || type == null || type.metric(metric) == null) {
            throw ProblemException.invalidField("metric", "该设备类型没有此指标", "the device type has no such metric");
        }
        SeriesStep s = SeriesStep.ofCode(step).orElseThrow(() -> ProblemException.invalidField("step", "须为 raw、1m 或 1h", "must be raw, 1m or 1h"));
        Instant t = to == null ? Instant.now() : instant("to", to);
        Instant f = from == null ? t.minus(Duration.ofDays(1)) : instant("from", from);
        if (!f.isBefore(t)) {
            throw ProblemException.invalidField("from", "须早于 to", "must be before to");
        }
        return readings.series(deviceId, metric, f, t, s);
    }

    private static Instant instant(String field, String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "须为带时区的 ISO-8601 时间", "must be an ISO-8601 date-time with offset");
        }
    }

    @Operation(summary = "Ingestion statistics: rejections per reason, accepted and stored readings")
    @GetMapping("/sensing/stats")
    Map<String, Object> stats() {
        officer();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rejected", ingestion.rejects());
        out.put("acceptedSinceStart", ingestion.accepted());
        out.put("storedSinceStart", writer.stored());
        out.put("queued", writer.queued());
        out.put("mqttPort", mqtt.port());
        return out;
    }
}
