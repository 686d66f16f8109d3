package org.yiwang.sensing;

import java.time.Instant;

/**
 * A sensing device (感知设备).
 *
 * @param deviceId          stable id, also its MQTT user name and topic segment
 * @param name              display name
 * @param typeCode          device type (e.g. {@code WATER_LEVEL})
 * @param lon               WGS-84 longitude
 * @param lat               WGS-84 latitude
 * @param gridCode          15-digit unit grid code from the location (null when only a community/street area matched)
 * @param regionCode        12-digit region code (community, else street) from the location
 * @param ownerDepartmentId the owning department (权属部门)
 * @param status            ONLINE/OFFLINE by heartbeat
 * @param lastSeenAt        last time a reading arrived (null: never)
 */
public record Device(String deviceId, String name, String typeCode, double lon, double lat, String gridCode,
                     String regionCode, String ownerDepartmentId, DeviceStatus status, Instant lastSeenAt) {
}
