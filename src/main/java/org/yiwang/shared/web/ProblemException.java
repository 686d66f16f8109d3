package org.yiwang.shared.web;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * An error the API reports as RFC 9457 problem+json. {@code code} is a stable machine-readable
 * reason (e.g. {@code invalid-id-number}); messages are given in Chinese and English; field
 * violations name each bad field.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final String messageZh;
    private final String messageEn;
    private final List<FieldViolation> violations;

    public ProblemException(HttpStatus status, String code, String messageZh, String messageEn, List<FieldViolation> violations) {
        super(messageEn);
        this.status = status;
        this.code = code;
        this.messageZh = messageZh;
        this.messageEn = messageEn;
        this.violations = violations == null ? List.of() : List.copyOf(violations);
    }

    public ProblemException(HttpStatus status, String code, String messageZh, String messageEn) {
        this(status, code, messageZh, messageEn, List.of());
    }

    /** 400 for a single bad field. */
    public static ProblemException invalidField(String field, String messageZh, String messageEn) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-field",
                "字段 " + field + " 无效：" + messageZh, "Field " + field + " is invalid: " + messageEn,
                List.of(new FieldViolation(field, messageZh, messageEn)));
    }

    /** 400 for several bad fields at once. */
    public static ProblemException invalidFields(List<FieldViolation> violations) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-fields", "请求参数有误", "The request has invalid fields", violations);
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(HttpStatus.NOT_FOUND, "not-found", "未找到" + what + "：" + id, what + " not found: " + id);
    }

    public static ProblemException conflict(String code, String messageZh, String messageEn) {
        return new ProblemException(HttpStatus.CONFLICT, code, messageZh, messageEn);
    }

    public static ProblemException forbidden(String messageZh, String messageEn) {
        return new ProblemException(HttpStatus.FORBIDDEN, "forbidden", messageZh, messageEn);
    }

    public HttpStatus status() { return status; }
    public String code() { return code; }
    public String messageZh() { return messageZh; }
    public String messageEn() { return messageEn; }
    public List<FieldViolation> violations() { return violations; }
}
