package org.yiwang.identity.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.Problems;

/** Writes the platform's problem+json from security filters, where no controller advice applies. */
final class ProblemResponses {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemResponses() {
    }

    static void write(HttpServletResponse response, HttpStatus status, String code, String messageZh, String messageEn) throws IOException {
        write(response, status, code, messageZh, messageEn, List.of());
    }

    static void write(HttpServletResponse response, HttpStatus status, String code, String messageZh, String messageEn,
                      List<FieldViolation> violations) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        ProblemDetail pd = Problems.body(status, code, messageZh, messageEn, violations);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", pd.getType().toString());
        body.put("title", pd.getTitle());
        body.put("status", pd.getStatus());
        body.put("detail", pd.getDetail());
        if (pd.getProperties() != null) {
            body.putAll(pd.getProperties());
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(body));
        response.getWriter().flush();
    }
}
