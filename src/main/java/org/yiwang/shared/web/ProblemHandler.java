package org.yiwang.shared.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.validation.ConstraintViolationException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every error raised behind a {@code @RestController} into RFC 9457 problem+json with a
 * Chinese and an English message; validation errors list each field by name. Never leaks a stack trace.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private final MessageSource messages;

    public ProblemHandler(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> problem(ProblemException e) {
        return Problems.response(e);
    }

    @ExceptionHandler(BindException.class) // includes MethodArgumentNotValidException
    ResponseEntity<ProblemDetail> invalid(BindException e) {
        List<FieldViolation> violations = new ArrayList<>();
        for (FieldError fe : e.getBindingResult().getFieldErrors()) {
            violations.add(new FieldViolation(fe.getField(),
                    messages.getMessage(fe, Locale.SIMPLIFIED_CHINESE), messages.getMessage(fe, Locale.ENGLISH)));
        }
        e.getBindingResult().getGlobalErrors().forEach(ge -> violations.add(new FieldViolation(ge.getObjectName(),
                messages.getMessage(ge, Locale.SIMPLIFIED_CHINESE), messages.getMessage(ge, Locale.ENGLISH))));
        return Problems.response(ProblemException.invalidFields(violations));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> invalidParameters(HandlerMethodValidationException e) {
        List<FieldViolation> violations = new ArrayList<>();
        e.getParameterValidationResults().forEach(r -> r.getResolvableErrors().forEach(err -> {
            String name = r.getMethodParameter().getParameterName();
            violations.add(new FieldViolation(name, messages.getMessage(err, Locale.SIMPLIFIED_CHINESE), messages.getMessage(err, Locale.ENGLISH)));
        }));
        return Problems.response(ProblemException.invalidFields(violations));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraint(ConstraintViolationException e) {
        List<FieldViolation> violations = e.getConstraintViolations().stream().map(v -> {
            String path = v.getPropertyPath().toString();
            String field = path.contains(".") ? path.substring(path.lastIndexOf('.') + 1) : path;
            return new FieldViolation(field, v.getMessage(), v.getMessage());
        }).toList();
        return Problems.response(ProblemException.invalidFields(violations));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        return Problems.response(HttpStatus.BAD_REQUEST, "unreadable-body", "请求体不是有效的 JSON 或字段类型不符",
                "The request body is not valid JSON or a field has the wrong type", List.of(new FieldViolation("body",
                        "无法解析", "cannot be parsed")));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e) {
        return Problems.response(ProblemException.invalidField(e.getParameterName(), "必须提供", "is required"));
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<ProblemDetail> missingPart(MissingServletRequestPartException e) {
        return Problems.response(ProblemException.invalidField(e.getRequestPartName(), "必须提供", "is required"));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e) {
        return Problems.response(ProblemException.invalidField(e.getHeaderName(), "必须提供该请求头", "header is required"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return Problems.response(ProblemException.invalidField(e.getName(), "格式不正确", "has the wrong format"));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
        return Problems.response(HttpStatus.CONTENT_TOO_LARGE, "file-too-large", "上传文件超过大小限制", "The upload exceeds the size limit",
                List.of(new FieldViolation("file", "文件过大", "file too large")));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
        return Problems.response(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "不支持的内容类型", "Unsupported content type", List.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        return Problems.response(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "不支持该请求方法", "Method not allowed", List.of());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noResource(NoResourceFoundException e) {
        return Problems.response(HttpStatus.NOT_FOUND, "not-found", "资源不存在", "Resource not found", List.of());
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<ProblemDetail> duplicate(DuplicateKeyException e) {
        return Problems.response(HttpStatus.CONFLICT, "duplicate", "记录已存在", "The record already exists", List.of());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException e) {
        return Problems.response(HttpStatus.FORBIDDEN, "forbidden", "无权执行此操作", "You are not allowed to do this", List.of());
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException e) {
        return Problems.response(HttpStatus.UNAUTHORIZED, "unauthenticated", "需要登录", "Authentication required", List.of());
    }

    /**
     * Text PostgreSQL cannot store (NUL, U+0000, inside a JSON string: SQLState 22021) is bad input, not a server
     * error; any other integrity violation is unexpected.
     */
    @ExceptionHandler(org.springframework.dao.DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> integrity(org.springframework.dao.DataIntegrityViolationException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "22021".equals(sql.getSQLState())) {
                return Problems.response(HttpStatus.BAD_REQUEST, "invalid-characters", "输入含有不允许的控制字符（NUL）",
                        "The input contains a character that is not allowed (NUL)", List.of());
            }
        }
        return unexpected(e);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unhandled error", e);
        return Problems.response(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "服务器内部错误", "Internal server error", List.of());
    }
}
