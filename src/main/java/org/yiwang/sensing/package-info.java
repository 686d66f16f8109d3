/**
 * Sensing (感知体系): IoT device types and their metrics, devices with per-device credentials and ONLINE/OFFLINE
 * status by heartbeat, ingestion over MQTT (embedded Moquette broker or an external broker) and HTTP, and the
 * time series of readings (monthly partitions on PostgreSQL, 1-minute and 1-hour roll-ups).
 * Other modules use {@link org.yiwang.sensing.SensorReadings} and listen to
 * {@link org.yiwang.sensing.ReadingsIngested}. Everything below {@code internal} is private to this module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sensing 感知体系")
package org.yiwang.sensing;
