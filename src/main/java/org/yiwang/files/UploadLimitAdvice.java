package org.yiwang.files;

import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.Problems;

/**
 * An upload beyond the servlet multipart limit ({@code spring.servlet.multipart.max-file-size}) fails while
 * the request is parsed, before any controller is chosen, so the platform's controller-scoped problem
 * handler never sees it. This advice (not scoped to controllers, handling only that exception) answers
 * with the same 413 problem+json naming {@code file}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadLimitAdvice {

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
        return Problems.response(HttpStatus.CONTENT_TOO_LARGE, "file-too-large", "上传文件超过大小限制", "The upload exceeds the size limit",
                List.of(new FieldViolation("file", "文件过大", "file too large")));
    }

    /** A multipart body that cannot be parsed at all (truncated, bad boundary, bad headers) is bad input, not a server error. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> unreadable(MultipartException e) {
        return Problems.response(HttpStatus.BAD_REQUEST, "invalid-multipart", "无法解析上传的表单数据", "The multipart request cannot be parsed",
                List.of(new FieldViolation("file", "无法解析", "cannot be parsed")));
    }
}
