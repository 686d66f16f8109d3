package org.yiwang.crypto;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import org.yiwang.shared.security.Caller;

/**
 * Encrypts personal data at rest (SM4-GCM, the kind bound in as associated data) with an HMAC-SM3 blind
 * index for exact lookup; reveals it in full only through {@link #reveal}, which is audited, and otherwise
 * shows it masked. Callers holding {@link #READ_FULL} see full values (each read audited); others see masks.
 */
@Service
public class PersonalDataVault {

    /** Permission to see personal data unmasked. */
    public static final String READ_FULL = "personal-data:read-full";

    private final CryptoProvider crypto;
    private final ApplicationEventPublisher events;

    public PersonalDataVault(CryptoProvider crypto, ApplicationEventPublisher events) {
        this.crypto = crypto;
        this.events = events;
    }

    /** Encrypts {@code plaintext} (normalised) and computes its blind index; null stays null. */
    public Protected protect(PersonalDataKind kind, String plaintext) {
        if (plaintext == null) {
            return new Protected(null, null);
        }
        String normalised = normalise(kind, plaintext);
        return new Protected(crypto.encrypt(normalised.getBytes(StandardCharsets.UTF_8), aad(kind)), blindIndex(kind, normalised));
    }

    /** The blind index of a value, for {@code where xxx_bidx = ?} lookups. */
    public String blindIndex(PersonalDataKind kind, String plaintext) {
        if (plaintext == null) {
            return null;
        }
        String keyId = crypto.currentIndexKeyId();
        byte[] mac = crypto.hmacSm3(keyId, (kind.name() + "|" + normalise(kind, plaintext)).getBytes(StandardCharsets.UTF_8));
        return keyId + ":" + HexFormat.of().formatHex(mac);
    }

    /** Decrypts in full and records the read (audit). */
    public String reveal(PersonalDataKind kind, String cipherText, String subjectRef, String purpose) {
        if (cipherText == null) {
            return null;
        }
        String value = new String(crypto.decrypt(cipherText, aad(kind)), StandardCharsets.UTF_8);
        events.publishEvent(new PersonalDataRead(kind, subjectRef, purpose));
        return value;
    }

    /** The value as {@code caller} may see it: full (and audited) with {@link #READ_FULL}, else masked (not a read of personal data). */
    public String display(PersonalDataKind kind, String cipherText, String subjectRef, String purpose, Caller caller) {
        if (cipherText == null) {
            return null;
        }
        if (caller != null && caller.can(READ_FULL)) {
            return reveal(kind, cipherText, subjectRef, purpose);
        }
        return Masking.mask(kind, new String(crypto.decrypt(cipherText, aad(kind)), StandardCharsets.UTF_8));
    }

    /** Decrypts for the data subject's own view (their own data is not masked); audited. */
    public String revealOwn(PersonalDataKind kind, String cipherText, String subjectRef) {
        return reveal(kind, cipherText, subjectRef, "own-data");
    }

    private static byte[] aad(PersonalDataKind kind) {
        return ("yiwang-pd:" + kind.name()).getBytes(StandardCharsets.UTF_8);
    }

    private static String normalise(PersonalDataKind kind, String v) {
        String t = v.trim();
        return switch (kind) {
            case ID_NUMBER -> t.toUpperCase();
            case EMAIL -> t.toLowerCase();
            case PHONE -> t.replaceAll("[\\s-]", "");
            default -> t;
        };
    }
}
