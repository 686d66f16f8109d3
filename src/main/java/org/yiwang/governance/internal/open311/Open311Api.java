package org.yiwang.governance.internal.open311;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import org.yiwang.shared.web.ProblemException;

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2). The format is the path's extension; errors are
 * Open311 error documents in that format; descriptions follow {@code Accept-Language} (zh-CN by default, English on
 * request). Reads are public; POST needs an {@code api_key}.
 */
@RestController
@RequestMapping("/open311/v2")
@Tag(name = "Open311 GeoReport v2", description = "discovery, services, service definitions, requests (POST form-encoded with api_key; GET with filters) and tokens, as .json or .xml")
class Open311Api {

    private static final Logger LOG = LoggerFactory.getLogger(Open311Api.class);
    private static final String EXT = "{format:[A-Za-z]+}";

    private final Open311Service service;

    Open311Api(Open311Service service) {
        this.service = service;
    }

    @GetMapping("/discovery." + EXT)
    @Operation(summary = "Service discovery (endpoints, formats, contact)")
    ResponseEntity<String> discovery(@PathVariable String format) {
        Open311Format f = Open311Format.of(format);
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        return ok(f, f.object("discovery", service.discovery(base)));
    }

    @GetMapping("/services." + EXT)
    @Operation(summary = "Service list: the active subclasses (小类) of the event catalog")
    ResponseEntity<String> services(@PathVariable String format, HttpServletRequest request) {
        Open311Format f = Open311Format.of(format);
        service.checkJurisdiction(request.getParameter("jurisdiction_id"));
        return ok(f, f.list("services", "service", service.services(lang(request))));
    }

    @GetMapping("/services/{code:[^.]+}." + EXT)
    @Operation(summary = "Service definition: the attributes a request of this service may carry")
    ResponseEntity<String> definition(@PathVariable String code, @PathVariable String format, HttpServletRequest request) {
        Open311Format f = Open311Format.of(format);
        service.checkJurisdiction(request.getParameter("jurisdiction_id"));
        return ok(f, f.object("service_definition", service.definition(code, lang(request))));
    }

    @PostMapping("/requests." + EXT)
    @Operation(summary = "Create a service request (application/x-www-form-urlencoded: api_key, service_code, lat/long or address_string, "
            + "description, media_url, email, phone, first_name, last_name, attribute[code]); Idempotency-Key honoured")
    ResponseEntity<String> post(@PathVariable String format, HttpServletRequest request,
                                @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        Open311Format f = Open311Format.of(format);
        Open311Service.Posted p = service.post(request.getParameterMap(), idempotencyKey);
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("service_request_id", p.serviceRequestId());
        m.put("token", p.token());
        m.put("service_notice", p.serviceNotice());
        m.put("account_id", null);
        return ResponseEntity.status(p.replayed() ? HttpStatus.OK : HttpStatus.CREATED).contentType(f.mediaType())
                .body(f.list("service_requests", "request", List.of(m)));
    }

    @GetMapping("/requests." + EXT)
    @Operation(summary = "Requests: service_request_id (comma-separated), service_code, start_date, end_date (ISO 8601; default last 90 days), status (open/closed)")
    ResponseEntity<String> requests(@PathVariable String format, HttpServletRequest request) {
        Open311Format f = Open311Format.of(format);
        return ok(f, f.list("service_requests", "request", service.requests(request.getParameterMap(), lang(request))));
    }

    @GetMapping("/requests/{id:[^.]+}." + EXT)
    @Operation(summary = "One request by service_request_id (the event number SJ…)")
    ResponseEntity<String> request(@PathVariable String id, @PathVariable String format, HttpServletRequest request) {
        Open311Format f = Open311Format.of(format);
        return ok(f, f.list("service_requests", "request", service.request(id, request.getParameter("jurisdiction_id"), lang(request))));
    }

    @GetMapping("/tokens/{token:[^.]+}." + EXT)
    @Operation(summary = "The service_request_id of a token returned by POST requests")
    ResponseEntity<String> token(@PathVariable String token, @PathVariable String format, HttpServletRequest request) {
        Open311Format f = Open311Format.of(format);
        return ok(f, f.list("service_requests", "request", service.token(token, request.getParameter("jurisdiction_id"))));
    }

    private static ResponseEntity<String> ok(Open311Format f, String body) {
        return ResponseEntity.ok().contentType(f.mediaType()).body(body);
    }

    /** zh-CN unless the client prefers English. */
    static Open311Service.Lang lang(HttpServletRequest request) {
        String h = request.getHeader("Accept-Language");
        return h != null && h.trim().toLowerCase().startsWith("en") ? Open311Service.Lang.EN : Open311Service.Lang.ZH;
    }

    /** The format of the failed request's path (.xml or else JSON). */
    private static Open311Format formatOf(HttpServletRequest request) {
        return request.getRequestURI().toLowerCase().endsWith(".xml") ? Open311Format.XML : Open311Format.JSON;
    }

    @ExceptionHandler(Open311Exception.class)
    ResponseEntity<String> open311Error(Open311Exception e, HttpServletRequest request) {
        return errors(e, request);
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<String> problem(ProblemException e, HttpServletRequest request) {
        return errors(Open311Service.translate(e), request);
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<String> unexpected(RuntimeException e, HttpServletRequest request) {
        LOG.error("Open311 {} {} failed", request.getMethod(), request.getRequestURI(), e);
        return errors(new Open311Exception(500, "服务器内部错误", "Internal server error"), request);
    }

    private static ResponseEntity<String> errors(Open311Exception e, HttpServletRequest request) {
        Open311Format f = formatOf(request);
        Open311Service.Lang lang = lang(request);
        List<Map<String, Object>> rows = e.errors().stream().map(x -> {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("code", e.status());
            m.put("description", lang.pick(x.zh(), x.en()));
            return m;
        }).toList();
        return ResponseEntity.status(e.status()).contentType(f.mediaType()).body(f.list("errors", "error", rows));
    }
}
