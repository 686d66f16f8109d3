package org.yiwang.crypto;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The software keyring: SM4 data keys, HMAC-SM3 index keys and SM2 key pairs, each by key id, in a
 * properties file readable only by its owner. Created with fresh random keys on first start. Layout:
 * <pre>
 * data.current=d1         data.d1=&lt;base64 16 bytes&gt;
 * index.current=i1        index.i1=&lt;base64 32 bytes&gt;
 * sm2.platform.private=&lt;base64 PKCS#8&gt;   sm2.platform.public=&lt;base64 X.509&gt;
 * </pre>
 */
final class Keyring {

    private final Path file;
    private final Properties props = new Properties();
    private final SecureRandom random = new SecureRandom();

    Keyring(Path file) {
        this.file = file;
    }

    synchronized void loadOrCreate(java.util.function.Supplier<String[]> sm2KeyPairFactory) {
        try {
            if (Files.exists(file)) {
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    props.load(r);
                }
            }
            boolean changed = false;
            if (props.getProperty("data.current") == null) {
                props.setProperty("data.d1", newKey(16));
                props.setProperty("data.current", "d1");
                changed = true;
            }
            if (props.getProperty("index.current") == null) {
                props.setProperty("index.i1", newKey(32));
                props.setProperty("index.current", "i1");
                changed = true;
            }
            if (props.getProperty("sm2.platform.private") == null) {
                String[] pair = sm2KeyPairFactory.get();
                props.setProperty("sm2.platform.private", pair[0]);
                props.setProperty("sm2.platform.public", pair[1]);
                changed = true;
            }
            if (changed) {
                save();
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read or create the keyring at " + file, e);
        }
    }

    private String newKey(int bytes) {
        byte[] k = new byte[bytes];
        random.nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    private void save() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            // sorted for readable diffs between rotations
            Properties sorted = new Properties() {
                @Override
                public synchronized java.util.Set<Map.Entry<Object, Object>> entrySet() {
                    return new TreeMap<>(props).entrySet();
                }
            };
            sorted.putAll(props);
            sorted.store(w, "yiwang keyring - keep secret, back up with the database");
        }
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // non-POSIX file system
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    synchronized String currentDataKeyId() {
        return props.getProperty("data.current");
    }

    synchronized String currentIndexKeyId() {
        return props.getProperty("index.current");
    }

    synchronized byte[] dataKey(String id) {
        return decode("data." + id);
    }

    synchronized byte[] indexKey(String id) {
        return decode("index." + id);
    }

    synchronized String sm2(String keyId, String part) {
        String v = props.getProperty("sm2." + keyId + "." + part);
        if (v == null) {
            throw new IllegalArgumentException("Unknown SM2 key id: " + keyId);
        }
        return v;
    }

    synchronized String rotateDataKey() {
        Map<String, String> ids = new LinkedHashMap<>();
        props.stringPropertyNames().stream().filter(n -> n.startsWith("data.d")).forEach(n -> ids.put(n, n));
        String id = "d" + (ids.size() + 1);
        props.setProperty("data." + id, newKey(16));
        props.setProperty("data.current", id);
        try {
            save();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot save the keyring", e);
        }
        return id;
    }

    private byte[] decode(String name) {
        String v = props.getProperty(name);
        if (v == null) {
            throw new IllegalArgumentException("Unknown key: " + name);
        }
        return Base64.getDecoder().decode(v);
    }
}
