package org.yiwang.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CryptoProviderTest {

    @TempDir
    Path home;

    private BouncyCastleCryptoProvider provider() {
        return new BouncyCastleCryptoProvider(new CryptoProperties(null), home.toString());
    }

    @Test
    void sm3MatchesTheStandardTestVector() {
        // GB/T 32905-2016 example 1: SM3("abc")
        assertThat(HexFormat.of().formatHex(provider().sm3("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    }

    @Test
    void sm4GcmRoundTripsAndDetectsTampering() {
        CryptoProvider p = provider();
        String token = p.encrypt("330102199001011234".getBytes(StandardCharsets.UTF_8), "ctx".getBytes());
        assertThat(token).startsWith("sm4gcm:d1:").doesNotContain("330102199001011234");
        assertThat(new String(p.decrypt(token, "ctx".getBytes()), StandardCharsets.UTF_8)).isEqualTo("330102199001011234");
        assertThatThrownBy(() -> p.decrypt(token, "other".getBytes())).isInstanceOf(IllegalArgumentException.class);
        byte[] raw = java.util.Base64.getDecoder().decode(token.substring("sm4gcm:d1:".length()));
        raw[raw.length / 2] ^= 1;
        String tampered = "sm4gcm:d1:" + java.util.Base64.getEncoder().encodeToString(raw);
        assertThatThrownBy(() -> p.decrypt(tampered, "ctx".getBytes())).isInstanceOf(IllegalArgumentException.class);
        // two encryptions of one value differ (random IV)
        assertThat(p.encrypt("x".getBytes(), null)).isNotEqualTo(p.encrypt("x".getBytes(), null));
    }

    @Test
    void keysRotateByIdAndOldCiphertextStaysReadable() throws Exception {
        CryptoProvider p = provider();
        String old = p.encrypt("old".getBytes(), null);
        String newId = p.rotateDataKey();
        assertThat(newId).isEqualTo("d2");
        String fresh = p.encrypt("new".getBytes(), null);
        assertThat(fresh).startsWith("sm4gcm:d2:");
        // a new provider reads the rotated keyring from disk and decrypts both
        CryptoProvider reopened = provider();
        assertThat(new String(reopened.decrypt(old, null))).isEqualTo("old");
        assertThat(new String(reopened.decrypt(fresh, null))).isEqualTo("new");
        assertThat(Files.readString(home.resolve("keys/keyring.properties"))).contains("data.current=d2");
    }

    @Test
    void sm2SignaturesVerifyAndRejectChangedData() {
        CryptoProvider p = provider();
        KeyPair kp = p.generateSm2KeyPair();
        byte[] sig = p.sm2Sign(kp.getPrivate(), "准予许可".getBytes(StandardCharsets.UTF_8));
        assertThat(p.sm2Verify(kp.getPublic(), "准予许可".getBytes(StandardCharsets.UTF_8), sig)).isTrue();
        assertThat(p.sm2Verify(kp.getPublic(), "不予许可".getBytes(StandardCharsets.UTF_8), sig)).isFalse();
        byte[] platformSig = p.sm2SignWith("platform", "x".getBytes());
        assertThat(p.sm2Verify(p.decodePublicKey(p.encodePublicKey(p.sm2PublicKey("platform"))), "x".getBytes(), platformSig)).isTrue();
    }

    @Test
    void hmacSm3BlindIndexIsStableAndKeyed() {
        CryptoProvider p = provider();
        byte[] a = p.hmacSm3(p.currentIndexKeyId(), "x".getBytes());
        assertThat(p.hmacSm3(p.currentIndexKeyId(), "x".getBytes())).isEqualTo(a).hasSize(32);
        Path other = home.resolve("other");
        CryptoProvider q = new BouncyCastleCryptoProvider(new CryptoProperties(other.resolve("k.properties").toString()), other.toString());
        assertThat(q.hmacSm3(q.currentIndexKeyId(), "x".getBytes())).isNotEqualTo(a);
    }

    @Test
    void maskingByKind() {
        assertThat(Masking.mask(PersonalDataKind.ID_NUMBER, "330102199001011234")).isEqualTo("330***********1234");
        assertThat(Masking.mask(PersonalDataKind.PHONE, "13812345678")).isEqualTo("138****5678");
        assertThat(Masking.mask(PersonalDataKind.NAME, "张三")).isEqualTo("张*");
        assertThat(Masking.mask(PersonalDataKind.NAME, "欧阳小明")).isEqualTo("欧**明");
        assertThat(Masking.mask(PersonalDataKind.EMAIL, "zhang@example.cn")).isEqualTo("z***@example.cn");
        assertThat(Masking.mask(PersonalDataKind.ADDRESS, "示例市东湖区文三路100号")).isEqualTo("示例市东湖区****");
    }
}
