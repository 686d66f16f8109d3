package org.yiwang.governance.internal.open311;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import org.yiwang.audit.AuditLog;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.ProblemException;

/**
 * Administration of the Open311 API keys (administrators: {@code open311:manage}). A new key is shown once, in the
 * answer to its creation; only its SM3 digest is kept. Keys are deactivated, not deleted (their requests stay linked).
 */
@RestController
@RequestMapping("/api/v1/open311/keys")
@Tag(name = "Open311 API keys", description = "Keys of the systems allowed to POST Open311 requests")
class Open311KeyApi {

    static final String MANAGE = "open311:manage";

    /** Body of a new key. */
    record NewKey(String owner, String systemName) {
    }

    private final Open311Keys keys;
    private final AuditLog audit;

    Open311KeyApi(Open311Keys keys, AuditLog audit) {
        this.keys = keys;
        this.audit = audit;
    }

    @GetMapping
    List<Map<String, Object>> list() {
        Callers.require(MANAGE);
        return keys.list().stream().map(Open311KeyApi::view).toList();
    }

    @PostMapping
    @Transactional
    @Operation(summary = "Register a posting system; the answer carries the key once (apiKey)")
    ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) NewKey body) {
        Callers.require(MANAGE);
        String owner = body == null || body.owner() == null ? "" : body.owner().trim();
        String system = body == null || body.systemName() == null ? "" : body.systemName().trim();
        List<FieldViolation> bad = new java.util.ArrayList<>();
        if (owner.isEmpty() || owner.length() > 200) {
            bad.add(new FieldViolation("owner", "必填，不超过 200 字", "required, at most 200 characters"));
        }
        if (system.isEmpty() || system.length() > 200) {
            bad.add(new FieldViolation("systemName", "必填，不超过 200 字", "required, at most 200 characters"));
        }
        if (!bad.isEmpty()) {
            throw ProblemException.invalidFields(bad);
        }
        String value = Open311Keys.newKeyValue();
        String id = keys.register(value, owner, system);
        audit.record("open311.key.create", "open311-key:" + id, true, "system=" + system + " owner=" + owner);
        Map<String, Object> out = view(keys.find(id).orElseThrow());
        out.put("apiKey", value);
        return ResponseEntity.status(HttpStatus.CREATED).body(out);
    }

    @PostMapping("/{id}/{action:activate|deactivate}")
    @Transactional
    Map<String, Object> setActive(@PathVariable String id, @PathVariable String action) {
        Callers.require(MANAGE);
        if (keys.setActive(id, action.equals("activate")) == 0) {
            throw ProblemException.notFound("Open311 API key", id);
        }
        audit.record("open311.key." + action, "open311-key:" + id, true, null);
        return view(keys.find(id).orElseThrow());
    }

    private static Map<String, Object> view(Open311Keys.Key k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", k.id());
        m.put("owner", k.owner());
        m.put("systemName", k.systemName());
        m.put("active", k.active());
        m.put("createdAt", k.createdAt());
        m.put("lastUsedAt", k.lastUsedAt());
        return m;
    }
}
