package org.yiwang.crypto;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * The platform's only entry to cryptography (GB/T 39786: keep crypto behind one interface so a certified
 * module can replace the software one). Symmetric keys are addressed by key id so they can rotate:
 * ciphertexts carry the id of the key that made them.
 */
public interface CryptoProvider {

    /** SM3 digest (32 bytes). */
    byte[] sm3(byte[] data);

    /** HMAC-SM3 with the index key {@code keyId}. */
    byte[] hmacSm3(String keyId, byte[] data);

    /** Id of the current HMAC (blind index) key. */
    String currentIndexKeyId();

    /** SM4-GCM encryption with the current data key; returns {@code sm4gcm:<keyId>:<base64(iv|ciphertext|tag)>}. */
    String encrypt(byte[] plaintext, byte[] associatedData);

    /** Decrypts a token made by {@link #encrypt}; fails if it was tampered with or its key is unknown. */
    byte[] decrypt(String token, byte[] associatedData);

    /** Id of the current SM4 data key. */
    String currentDataKeyId();

    /** Adds a new SM4 data key and makes it current; old ciphertexts stay readable. Returns the new id. */
    String rotateDataKey();

    /** A fresh SM2 key pair (curve sm2p256v1). */
    KeyPair generateSm2KeyPair();

    /** SM2 signature with SM3 (OID 1.2.156.10197.1.501), DER-encoded. */
    byte[] sm2Sign(PrivateKey key, byte[] data);

    /** Verifies an SM2/SM3 signature. */
    boolean sm2Verify(PublicKey key, byte[] data, byte[] signature);

    /**
     * Wraps an SM2 private key for storage in the database (e.g. a department's electronic seal key): SM4-GCM over
     * its PKCS#8 encoding with the current data key, as {@link #encrypt}.
     */
    String wrapSm2PrivateKey(PrivateKey key, byte[] associatedData);

    /** Unwraps a key made by {@link #wrapSm2PrivateKey}; fails if it was tampered with. */
    PrivateKey unwrapSm2PrivateKey(String token, byte[] associatedData);

    /** Signs with the platform's own SM2 key {@code keyId} (e.g. {@code platform}). */
    byte[] sm2SignWith(String keyId, byte[] data);

    /** Public key of the platform's SM2 key {@code keyId}. */
    PublicKey sm2PublicKey(String keyId);

    /** Encodes a public key (X.509 SubjectPublicKeyInfo, base64). */
    String encodePublicKey(PublicKey key);

    /** Decodes a public key made by {@link #encodePublicKey}. */
    PublicKey decodePublicKey(String base64);
}
