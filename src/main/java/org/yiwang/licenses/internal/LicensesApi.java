package org.yiwang.licenses.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.yiwang.licenses.License;
import org.yiwang.licenses.LicenseType;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.ProblemException;

/** REST API of electronic licenses (电子证照): holders' and officers' scoped reads, documents, revocation, public verification, types. */
@RestController
@RequestMapping("/api/v1/licenses")
@Tag(name = "Licenses 电子证照", description = "Electronic licenses: 我的证照, documents with the SM2 seal, revocation, public verification")
class LicensesApi {

    private final LicenseService service;
    private final LicenseDocuments documents;

    LicensesApi(LicenseService service, LicenseDocuments documents) {
        this.service = service;
        this.documents = documents;
    }

    @GetMapping
    @Operation(summary = "Licenses visible to the caller: own for citizens/enterprises, AccessScope for officers (license:read)")
    List<Map<String, Object>> list(@RequestParam(required = false) String type,
                                   @RequestParam(required = false, defaultValue = "100") int limit) {
        return service.visible(Callers.current(), type, limit).stream().map(LicensesApi::view).toList();
    }

    @GetMapping("/types")
    @Operation(summary = "License types (证照类型) with their template fields")
    List<LicenseType> types() {
        Callers.current();
        return service.types();
    }

    @PutMapping("/types/{code}")
    @Operation(summary = "Create or update a license type (license:manage-types)")
    LicenseType saveType(@PathVariable String code, @RequestBody LicenseType body) {
        Callers.require("license:manage-types");
        if (body == null) {
            throw ProblemException.invalidField("body", "缺少请求内容", "the request is empty");
        }
        return service.saveType(new LicenseType(code, body.name(), body.nameEn(), body.issuingLevel(), body.holderKind(),
                body.fields() == null ? List.of() : body.fields(), body.validityYears()));
    }

    @GetMapping("/verify/{id}")
    @Operation(summary = "Public verification: identifier check character, SM2 seal signature and revocation; 404 unknown, 422 malformed or forged")
    Map<String, Object> verify(@PathVariable String id) {
        return verification(service.verify(id));
    }

    @GetMapping("/{id}")
    Map<String, Object> get(@PathVariable String id) {
        return view(service.visibleOne(Callers.current(), id));
    }

    @GetMapping("/{id}/document")
    @Operation(summary = "The license document (PDF with the issuing department's seal and a QR code to the verify page)")
    ResponseEntity<byte[]> document(@PathVariable String id) {
        byte[] pdf = documents.render(Callers.current(), id);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("license.pdf").build().toString())
                .body(pdf);
    }

    /** Body of a revocation. */
    record RevokeRequest(String reason) {
    }

    @PostMapping("/{id}/revoke")
    @Operation(summary = "Revoke (撤销) with a reason (license:revoke, in scope); 409 when already revoked")
    Map<String, Object> revoke(@PathVariable String id, @RequestBody(required = false) RevokeRequest body) {
        return view(service.revoke(id, body == null ? null : body.reason()));
    }

    static Map<String, Object> view(License l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", l.id());
        m.put("typeCode", l.typeCode());
        m.put("typeName", l.typeName());
        m.put("status", l.status().name());
        m.put("holderKind", l.holderKind().name());
        m.put("holderName", l.holderName());
        m.put("holderIdentifier", l.holderIdentifierMasked());
        m.put("departmentId", l.departmentId());
        m.put("issuerName", l.issuerName());
        m.put("issuerCreditCode", l.issuerCreditCode());
        m.put("data", l.data());
        m.put("validFrom", l.validFrom());
        m.put("validUntil", l.validUntil());
        m.put("issuedAt", l.issuedAt());
        m.put("revokedAt", l.revokedAt());
        m.put("revokeReason", l.revokeReason());
        m.put("sourceRef", l.sourceRef());
        return m;
    }

    static Map<String, Object> verification(LicenseService.Verification v) {
        License l = v.license();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", l.id());
        m.put("valid", v.valid());
        m.put("status", l.status().name());
        m.put("identifierValid", true);
        m.put("signatureValid", true);
        m.put("typeName", l.typeName());
        m.put("holderName", LicenseService.publicHolderName(l));
        m.put("issuerName", l.issuerName());
        m.put("issuerCreditCode", l.issuerCreditCode());
        m.put("validFrom", l.validFrom());
        m.put("validUntil", l.validUntil());
        m.put("issuedAt", l.issuedAt());
        m.put("revokedAt", l.revokedAt());
        m.put("revokeReason", l.revokeReason());
        m.put("digest", v.digest());
        m.put("sealPublicKey", v.sealPublicKey());
        return m;
    }
}
