package org.yiwang.organization;

/**
 * A government department (委办局), e.g. 市市场监督管理局 or 东湖区行政服务中心.
 *
 * @param id         stable short id (e.g. {@code dh-urban}), used by other modules to refer to it
 * @param name       full name
 * @param creditCode 统一社会信用代码 (GB 32100, validated)
 * @param regionCode the 12-digit code of the region it serves (city, district or street)
 * @param level      the level of that region
 * @param parentId   the department it belongs to, if any
 */
public record Department(String id, String name, String creditCode, String regionCode, RegionLevel level, String parentId) {
}
