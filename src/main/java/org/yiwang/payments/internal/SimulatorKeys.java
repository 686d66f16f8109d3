package org.yiwang.payments.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import org.yiwang.crypto.CryptoProvider;

/**
 * The simulator gateway's SM2 key pair. Configured with {@code yiwang.payments.simulator.public-key} and
 * {@code private-key} (base64 X.509 / PKCS#8); otherwise generated once and kept in {@code pay_gateway_key} with
 * the private key SM4-encrypted by the keyring, so every node of a cluster signs and verifies with the same pair.
 * The platform side only ever uses the public key; the private key belongs to the simulated bank.
 */
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(prefix = "yiwang.payments.simulator", name = "enabled", havingValue = "true", matchIfMissing = true)
@Component
class SimulatorKeys {

    static final String GATEWAY = "sim";
    private static final byte[] AAD = "pay_gateway_key:sim".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final CryptoProvider crypto;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final String configuredPublic;
    private final String configuredPrivate;
    private volatile PublicKey publicKey;
    private volatile PrivateKey privateKey;

    SimulatorKeys(CryptoProvider crypto, JdbcClient jdbc, TransactionTemplate tx,
                  @Value("${yiwang.payments.simulator.public-key:}") String configuredPublic,
                  @Value("${yiwang.payments.simulator.private-key:}") String configuredPrivate) {
        this.crypto = crypto;
        this.jdbc = jdbc;
        this.tx = tx;
        this.configuredPublic = configuredPublic;
        this.configuredPrivate = configuredPrivate;
    }

    PublicKey publicKey() {
        load();
        return publicKey;
    }

    PrivateKey privateKey() {
        load();
        return privateKey;
    }

    private synchronized void load() {
        if (publicKey != null) {
            return;
        }
        String pub;
        String priv;
        if (!configuredPublic.isBlank() && !configuredPrivate.isBlank()) {
            pub = configuredPublic;
            priv = configuredPrivate;
        } else {
            String[] pair = tx.execute(s -> stored());
            pub = pair[0];
            priv = pair[1];
        }
        try {
            privateKey = KeyFactory.getInstance("EC", "BC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(priv)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("yiwang.payments.simulator.private-key is not an SM2 private key", e);
        }
        publicKey = crypto.decodePublicKey(pub);
    }

    private String[] stored() {
        List<String[]> rows = read();
        if (rows.isEmpty()) {
            KeyPair kp = crypto.generateSm2KeyPair();
            String pub = crypto.encodePublicKey(kp.getPublic());
            String privEnc = crypto.encrypt(kp.getPrivate().getEncoded(), AAD);
            jdbc.sql("insert into pay_gateway_key (gateway, public_key, private_key_enc, created_at) values (?, ?, ?, ?) on conflict do nothing")
                    .params(GATEWAY, pub, privEnc, Timestamp.from(Instant.now())).update();
            rows = read();
        }
        String[] r = rows.get(0);
        return new String[] {r[0], Base64.getEncoder().encodeToString(crypto.decrypt(r[1], AAD))};
    }

    private List<String[]> read() {
        return jdbc.sql("select public_key, private_key_enc from pay_gateway_key where gateway = ?").param(GATEWAY)
                .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)}).list();
    }
}
