package org.yiwang.shared.web;

/** One invalid field of a request, explained in Chinese and English. */
public record FieldViolation(String field, String messageZh, String messageEn) {
}
