package org.yiwang.governance.internal.open311;

import java.util.List;

/**
 * An Open311 error document ({@code [{"code":400,"description":"..."}]} / {@code <errors><error>…}). Descriptions are
 * given in Chinese and English; the response uses the one the client asked for ({@code Accept-Language}).
 */
class Open311Exception extends RuntimeException {

    /** One error of the document. */
    record Error(String zh, String en) {
    }

    private final int status;
    private final List<Error> errors;

    Open311Exception(int status, List<Error> errors) {
        super(errors.isEmpty() ? "Open311 error " + status : errors.get(0).en());
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    Open311Exception(int status, String zh, String en) {
        this(status, List.of(new Error(zh, en)));
    }

    static Open311Exception badRequest(String zh, String en) {
        return new Open311Exception(400, zh, en);
    }

    int status() {
        return status;
    }

    List<Error> errors() {
        return errors;
    }
}
