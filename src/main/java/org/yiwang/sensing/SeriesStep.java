package org.yiwang.sensing;

import java.util.Arrays;
import java.util.Optional;

/** Resolution of a series query: raw readings, 1-minute or 1-hour roll-ups. */
public enum SeriesStep {
    RAW("raw"),
    MINUTE("1m"),
    HOUR("1h");

    private final String code;

    SeriesStep(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<SeriesStep> ofCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}
