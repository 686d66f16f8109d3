package org.yiwang.shared.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Builds the platform's problem+json bodies: title/detail in English plus {@code messageZh}, {@code messageEn}, {@code code}, {@code errors}. */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail body(HttpStatus status, String code, String messageZh, String messageEn, List<FieldViolation> violations) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, messageEn);
        pd.setType(URI.create("https://yiwang.org/problems/" + code));
        pd.setTitle(status.getReasonPhrase());
        pd.setProperty("code", code);
        pd.setProperty("messageZh", messageZh);
        pd.setProperty("messageEn", messageEn);
        if (violations != null && !violations.isEmpty()) {
            pd.setProperty("errors", violations.stream()
                    .map(v -> Map.of("field", v.field(), "messageZh", v.messageZh(), "messageEn", v.messageEn()))
                    .toList());
        }
        return pd;
    }

    public static ResponseEntity<ProblemDetail> response(HttpStatus status, String code, String messageZh, String messageEn, List<FieldViolation> violations) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body(status, code, messageZh, messageEn, violations));
    }

    public static ResponseEntity<ProblemDetail> response(ProblemException e) {
        return response(e.status(), e.code(), e.messageZh(), e.messageEn(), e.violations());
    }
}
