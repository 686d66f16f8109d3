package org.yiwang.sensing;

import java.util.List;

/**
 * Published after a batch of readings of one device was stored (early-warning rules listen to it).
 *
 * @param deviceId the device
 * @param readings the stored readings, in arrival order
 */
public record ReadingsIngested(String deviceId, List<Reading> readings) {

    public ReadingsIngested {
        readings = List.copyOf(readings);
    }
}
