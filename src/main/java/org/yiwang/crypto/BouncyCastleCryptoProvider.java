package org.yiwang.crypto;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Software {@link CryptoProvider} on BouncyCastle ({@code bcprov-jdk18on}) with a file {@link Keyring}. */
@Component
class BouncyCastleCryptoProvider implements CryptoProvider {

    static final String BC = BouncyCastleProvider.PROVIDER_NAME;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    static {
        if (Security.getProvider(BC) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    private final Keyring keyring;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, PrivateKey> privateKeys = new ConcurrentHashMap<>();
    private final Map<String, PublicKey> publicKeys = new ConcurrentHashMap<>();

    BouncyCastleCryptoProvider(CryptoProperties props, @Value("${yiwang.home:./data}") String home) {
        String file = props.keyringFile() != null && !props.keyringFile().isBlank() ? props.keyringFile()
                : Path.of(home, "keys", "keyring.properties").toString();
        this.keyring = new Keyring(Path.of(file));
        keyring.loadOrCreate(() -> {
            KeyPair kp = generateSm2KeyPair();
            return new String[] {Base64.getEncoder().encodeToString(kp.getPrivate().getEncoded()), encodePublicKey(kp.getPublic())};
        });
    }

    @Override
    public byte[] sm3(byte[] data) {
        try {
            return MessageDigest.getInstance("SM3", BC).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] hmacSm3(String keyId, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HMACSM3", BC);
            mac.init(new SecretKeySpec(keyring.indexKey(keyId), "HMACSM3"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String currentIndexKeyId() {
        return keyring.currentIndexKeyId();
    }

    @Override
    public String encrypt(byte[] plaintext, byte[] associatedData) {
        String keyId = keyring.currentDataKeyId();
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("SM4/GCM/NoPadding", BC);
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keyring.dataKey(keyId), "SM4"), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad(keyId, associatedData));
            byte[] ct = cipher.doFinal(plaintext);
            byte[] out = ByteBuffer.allocate(iv.length + ct.length).put(iv).put(ct).array();
            return "sm4gcm:" + keyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] decrypt(String token, byte[] associatedData) {
        String[] parts = token == null ? new String[0] : token.split(":", 3);
        if (parts.length != 3 || !parts[0].equals("sm4gcm")) {
            throw new IllegalArgumentException("Not an SM4-GCM token");
        }
        try {
            byte[] in = Base64.getDecoder().decode(parts[2]);
            Cipher cipher = Cipher.getInstance("SM4/GCM/NoPadding", BC);
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keyring.dataKey(parts[1]), "SM4"), new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(aad(parts[1], associatedData));
            return cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Ciphertext cannot be decrypted (tampered or wrong context)", e);
        }
    }

    private static byte[] aad(String keyId, byte[] associatedData) {
        byte[] id = keyId.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] extra = associatedData == null ? new byte[0] : associatedData;
        return ByteBuffer.allocate(id.length + 1 + extra.length).put(id).put((byte) 0).put(extra).array();
    }

    @Override
    public String currentDataKeyId() {
        return keyring.currentDataKeyId();
    }

    @Override
    public String rotateDataKey() {
        return keyring.rotateDataKey();
    }

    @Override
    public KeyPair generateSm2KeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BC);
            g.initialize(new ECGenParameterSpec("sm2p256v1"), random);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] sm2Sign(PrivateKey key, byte[] data) {
        try {
            Signature s = Signature.getInstance("SM3withSM2", BC);
            s.initSign(key, random);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean sm2Verify(PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature s = Signature.getInstance("SM3withSM2", BC);
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public String wrapSm2PrivateKey(PrivateKey key, byte[] associatedData) {
        return encrypt(key.getEncoded(), associatedData);
    }

    @Override
    public PrivateKey unwrapSm2PrivateKey(String token, byte[] associatedData) {
        try {
            return KeyFactory.getInstance("EC", BC).generatePrivate(new PKCS8EncodedKeySpec(decrypt(token, associatedData)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Not an SM2 private key", e);
        }
    }

    @Override
    public byte[] sm2SignWith(String keyId, byte[] data) {
        PrivateKey key = privateKeys.computeIfAbsent(keyId, id -> {
            try {
                return KeyFactory.getInstance("EC", BC).generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(keyring.sm2(id, "private"))));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
        return sm2Sign(key, data);
    }

    @Override
    public PublicKey sm2PublicKey(String keyId) {
        return publicKeys.computeIfAbsent(keyId, id -> decodePublicKey(keyring.sm2(id, "public")));
    }

    @Override
    public String encodePublicKey(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    @Override
    public PublicKey decodePublicKey(String base64) {
        try {
            return KeyFactory.getInstance("EC", BC).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not an SM2 public key", e);
        }
    }
}
