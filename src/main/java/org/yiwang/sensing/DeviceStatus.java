package org.yiwang.sensing;

/** Whether a device reported within the heartbeat timeout (在线/离线). */
public enum DeviceStatus {
    ONLINE,
    OFFLINE
}
