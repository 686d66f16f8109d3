package org.yiwang.services;

import org.yiwang.organization.RegionLevel;

/**
 * A search of the published catalog. Every part is optional (null): without text, items are listed by name.
 *
 * @param text         free text in Chinese (e.g. 开公司, 营业执照, 生孩子)
 * @param zone         only items in this theme zone
 * @param departmentId only items handled by this department
 * @param level        only items exercised at this level
 * @param limit        most hits (1‥200; 0 means 20)
 */
public record CatalogQuery(String text, ServiceZone zone, String departmentId, RegionLevel level, int limit) {
}
