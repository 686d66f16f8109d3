package org.yiwang.licenses.internal;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import org.yiwang.crypto.CryptoProvider;

/**
 * The departments' electronic seals (电子印章): one SM2 key pair per issuing department, made through
 * {@link CryptoProvider} on first use, the private key stored SM4-GCM wrapped (bound to the department id).
 */
@Component
class Seals {

    private final LicenseStore store;
    private final CryptoProvider crypto;
    private final TransactionTemplate newTransaction;

    Seals(LicenseStore store, CryptoProvider crypto, PlatformTransactionManager tx) {
        this.store = store;
        this.crypto = crypto;
        this.newTransaction = new TransactionTemplate(tx);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** A signature made with a department's seal, with the public key that verifies it. */
    record Sealed(byte[] signature, String publicKey) {
    }

    Sealed sign(String departmentId, byte[] data) {
        LicenseStore.Seal seal = sealOf(departmentId);
        PrivateKey key = crypto.unwrapSm2PrivateKey(seal.privateKeyCipher(), aad(departmentId));
        return new Sealed(crypto.sm2Sign(key, data), seal.publicKey());
    }

    boolean verify(String publicKey, byte[] data, String signatureBase64) {
        try {
            PublicKey key = crypto.decodePublicKey(publicKey);
            return crypto.sm2Verify(key, data, Base64.getDecoder().decode(signatureBase64));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Makes sure the 流水号 counter of (type, issuer) exists, in a transaction of its own (like the seal). */
    void ensureSerial(String typeCode, String issuerCode) {
        if (store.serialExists(typeCode, issuerCode)) {
            return;
        }
        try {
            newTransaction.executeWithoutResult(s -> {
                if (!store.serialExists(typeCode, issuerCode)) {
                    store.insertSerial(typeCode, issuerCode);
                }
            });
        } catch (DuplicateKeyException raced) {
            // another node created it first
        }
    }

    /** The department's current seal public key, if it has one. */
    String publicKeyOf(String departmentId) {
        return store.seal(departmentId).map(LicenseStore.Seal::publicKey).orElse(null);
    }

    private LicenseStore.Seal sealOf(String departmentId) {
        return store.seal(departmentId).orElseGet(() -> {
            try {
                // its own transaction: a concurrent first issue by another node must not abort the caller's transaction
                return newTransaction.execute(s -> store.seal(departmentId).orElseGet(() -> {
                    KeyPair pair = crypto.generateSm2KeyPair();
                    LicenseStore.Seal seal = new LicenseStore.Seal(departmentId, crypto.encodePublicKey(pair.getPublic()),
                            crypto.wrapSm2PrivateKey(pair.getPrivate(), aad(departmentId)));
                    store.insertSeal(seal);
                    return seal;
                }));
            } catch (DuplicateKeyException raced) {
                return store.seal(departmentId).orElseThrow();
            }
        });
    }

    private static byte[] aad(String departmentId) {
        return ("yiwang-seal:" + departmentId).getBytes(StandardCharsets.UTF_8);
    }
}
