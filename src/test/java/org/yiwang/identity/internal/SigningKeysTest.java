package org.yiwang.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.yiwang.crypto.CryptoProvider;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;

/** The OIDC signing key is persisted (private part encrypted): another node or a restart loads the very same key. */
class SigningKeysTest extends IntegrationTest {

    private final JdbcClient jdbcClient;
    private final CryptoProvider crypto;

    @Autowired
    SigningKeysTest(JdbcClient jdbcClient, CryptoProvider crypto) {
        this.jdbcClient = jdbcClient;
        this.crypto = crypto;
    }

    @Test
    void anotherNodeUsesTheSameKey() throws Exception {
        JWK published = JWK.parse(Api.anonymous(baseUrl()).get("/oauth2/jwks").get("keys").get(0).toString());
        RSAKey loaded = (RSAKey) new SigningKeys(jdbcClient, crypto).keys().getKeys().get(0); // a fresh instance, as on another node
        assertThat(loaded.getKeyID()).isEqualTo(published.getKeyID());
        assertThat(loaded.toPublicJWK().toJSONObject()).isEqualTo(published.toPublicJWK().toJSONObject());
        assertThat(loaded.isPrivate()).isTrue();

        String stored = jdbc.queryForObject("select private_jwk_enc from identity_signing_key where kid = ?", String.class, loaded.getKeyID());
        assertThat(stored).startsWith("sm4gcm:").doesNotContain(loaded.getPrivateExponent().toString());
        assertThat(jdbc.queryForObject("select count(*) from identity_signing_key", Integer.class)).isEqualTo(1);
    }
}
