package org.yiwang.identity.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.yiwang.crypto.CryptoProvider;

/**
 * The OIDC signing keys (RS256; OIDC libraries do not support SM2) persisted in {@code identity_signing_key}
 * with the private part SM4-GCM encrypted through {@link CryptoProvider}: every node and every restart signs
 * with, and publishes, the same JWK. The first node to start creates key {@code yw-rsa-1}; concurrent starts
 * agree on it through the primary key.
 */
@Component
class SigningKeys implements JWKSource<SecurityContext> {

    static final String FIRST_KID = "yw-rsa-1";

    private final JdbcClient jdbc;
    private final CryptoProvider crypto;
    private volatile JWKSet keys;

    SigningKeys(JdbcClient jdbc, CryptoProvider crypto) {
        this.jdbc = jdbc;
        this.crypto = crypto;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        return selector.select(keys());
    }

    /** The active keys (private parts included), loaded once and created on first use. */
    JWKSet keys() {
        JWKSet k = keys;
        if (k == null) {
            synchronized (this) {
                k = keys;
                if (k == null) {
                    k = load();
                    if (k.getKeys().isEmpty()) {
                        create();
                        k = load();
                    }
                    keys = k;
                }
            }
        }
        return k;
    }

    private JWKSet load() {
        List<JWK> list = new ArrayList<>();
        jdbc.sql("select kid, private_jwk_enc from identity_signing_key where active = true order by created_at desc")
                .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)}).list()
                .forEach(row -> {
                    try {
                        String json = new String(crypto.decrypt(row[1], aad(row[0])), StandardCharsets.UTF_8);
                        list.add(JWK.parse(json));
                    } catch (ParseException e) {
                        throw new IllegalStateException("Cannot read OIDC signing key " + row[0], e);
                    }
                });
        return new JWKSet(list);
    }

    private void create() {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID(FIRST_KID).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
            jdbc.sql("""
                    insert into identity_signing_key (kid, algorithm, public_jwk, private_jwk_enc, active, created_at)
                    values (?, 'RS256', ?, ?, true, ?) on conflict do nothing""")
                    .params(FIRST_KID, key.toPublicJWK().toJSONString(),
                            crypto.encrypt(key.toJSONString().getBytes(StandardCharsets.UTF_8), aad(FIRST_KID)), Timestamp.from(Instant.now()))
                    .update();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate the OIDC signing key", e);
        }
    }

    private static byte[] aad(String kid) {
        return ("yiwang-oidc-key:" + kid).getBytes(StandardCharsets.UTF_8);
    }
}
