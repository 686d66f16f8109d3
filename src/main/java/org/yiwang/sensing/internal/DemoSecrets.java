package org.yiwang.sensing.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Known secrets of the demo city's devices, derived from the demo password ({@code yiwang.demo.password}) so that
 * the sensor simulator can connect: {@code demo-} + the first 20 hex digits of SHA-256(password ":" deviceId).
 * Demo data only; real devices get random secrets from {@code POST /api/v1/devices}.
 */
public final class DemoSecrets {

    private DemoSecrets() {
    }

    public static String secretFor(String demoPassword, String deviceId) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((demoPassword + ":" + deviceId).getBytes(StandardCharsets.UTF_8));
            return "demo-" + HexFormat.of().formatHex(d).substring(0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
