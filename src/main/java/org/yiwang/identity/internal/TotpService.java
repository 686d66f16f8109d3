package org.yiwang.identity.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import dev.samstevens.totp.code.CodeGenerator;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import org.springframework.stereotype.Service;

import org.yiwang.crypto.CryptoProvider;

/**
 * TOTP (RFC 6238: SHA-1, 6 digits, 30 s) second factor. Secrets are stored SM4-GCM encrypted (bound to the
 * account id); a code is accepted for the current time step ±1 and each step only once per account.
 */
@Service
class TotpService {

    static final int PERIOD_SECONDS = 30;
    static final int DIGITS = 6;

    private final CryptoProvider crypto;
    private final AccountStore accounts;
    private final IdentityProperties props;
    private final CodeGenerator generator = new DefaultCodeGenerator(HashingAlgorithm.SHA1, DIGITS);

    TotpService(CryptoProvider crypto, AccountStore accounts, IdentityProperties props) {
        this.crypto = crypto;
        this.accounts = accounts;
        this.props = props;
    }

    /** Enrolment data shown to the user once: the secret, the otpauth URI and a QR code (PNG data URI). */
    record Enrolment(String secret, String otpauthUri, String qrDataUri) {
    }

    /** Creates a new (not yet confirmed) secret for the account, replacing any earlier one. */
    Enrolment start(Account account) {
        String secret = new DefaultSecretGenerator(32).generate();
        accounts.setTotpSecret(account.id(), encrypt(account.id(), secret));
        QrData data = new QrData.Builder().label(account.username()).secret(secret).issuer(props.totpIssuer())
                .algorithm(HashingAlgorithm.SHA1).digits(DIGITS).period(PERIOD_SECONDS).build();
        String qr;
        try {
            ZxingPngQrGenerator png = new ZxingPngQrGenerator();
            qr = "data:" + png.getImageMimeType() + ";base64," + Base64.getEncoder().encodeToString(png.generate(data));
        } catch (QrGenerationException e) {
            qr = null;
        }
        return new Enrolment(secret, data.getUri(), qr);
    }

    /**
     * Checks a code against the account's secret (enrolled or pending) and consumes its time step; true
     * when valid and not replayed.
     */
    boolean verify(Account account, String code) {
        if (account.totpSecretEnc() == null || code == null || !code.trim().matches("\\d{" + DIGITS + "}")) {
            return false;
        }
        String secret = decrypt(account.id(), account.totpSecretEnc());
        long now = Instant.now().getEpochSecond() / PERIOD_SECONDS;
        for (long step = now - 1; step <= now + 1; step++) {
            if (constantTimeEquals(code(secret, step), code.trim())) {
                return accounts.acceptTotpStep(account.id(), step);
            }
        }
        return false;
    }

    String code(String secret, long step) {
        try {
            return generator.generate(secret, step);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException(e);
        }
    }

    private String encrypt(String accountId, String secret) {
        return crypto.encrypt(secret.getBytes(StandardCharsets.UTF_8), aad(accountId));
    }

    private String decrypt(String accountId, String enc) {
        return new String(crypto.decrypt(enc, aad(accountId)), StandardCharsets.UTF_8);
    }

    private static byte[] aad(String accountId) {
        return ("yiwang-totp:" + accountId).getBytes(StandardCharsets.UTF_8);
    }

    private static boolean constantTimeEquals(String a, String b) {
        return java.security.MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
