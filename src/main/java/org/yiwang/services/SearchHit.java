package org.yiwang.services;

/**
 * A search result: the published item, its relevance score and the matched text with {@code <em>} marks
 * (HTML-escaped otherwise).
 */
public record SearchHit(ServiceItem item, float score, String highlight) {
}
