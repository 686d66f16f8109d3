package org.yiwang.payments.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.yiwang.crypto.CryptoProvider;
import org.yiwang.payments.Bill;
import org.yiwang.payments.PaymentGateway;

/**
 * The local simulator gateway ({@code sim}), the platform's adapter side: the payer goes to {@code /pay/sim/{billNo}};
 * notifications are JSON ({@code notifyId, billNo, tradeNo, amount (fen), paidAt}) signed over the exact body bytes
 * with SM2/SM3, signature base64 in the {@code X-Sim-Signature} header, verified against the simulator's public key.
 */
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(prefix = "yiwang.payments.simulator", name = "enabled", havingValue = "true", matchIfMissing = true)
@Component
class SimulatorGateway implements PaymentGateway {

    static final String SIGNATURE_HEADER = "X-Sim-Signature";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SimulatorKeys keys;
    private final CryptoProvider crypto;

    SimulatorGateway(SimulatorKeys keys, CryptoProvider crypto) {
        this.keys = keys;
        this.crypto = crypto;
    }

    @Override
    public String id() {
        return SimulatorKeys.GATEWAY;
    }

    @Override
    public URI paymentPage(Bill bill, String returnPath) {
        return URI.create("/pay/sim/" + bill.billNo());
    }

    @Override
    public Notification verify(byte[] body, Map<String, String> headers) throws InvalidNotification {
        String sig = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(SIGNATURE_HEADER)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
        if (sig == null || sig.isBlank()) {
            throw new InvalidNotification("missing-signature", "no " + SIGNATURE_HEADER + " header");
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(sig.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidNotification("bad-signature", "signature is not base64");
        }
        if (!crypto.sm2Verify(keys.publicKey(), body, signature)) {
            throw new InvalidNotification("bad-signature", "SM2 signature does not verify");
        }
        try {
            JsonNode n = JSON.readTree(new String(body, StandardCharsets.UTF_8));
            String notifyId = text(n, "notifyId");
            String billNo = text(n, "billNo");
            String tradeNo = text(n, "tradeNo");
            JsonNode amount = n.path("amount");
            if (!amount.isIntegralNumber() || amount.asLong() <= 0) {
                throw new InvalidNotification("malformed", "amount must be a positive integer (fen)");
            }
            Instant paidAt = Instant.parse(text(n, "paidAt"));
            return new Notification(notifyId, billNo, tradeNo, amount.asLong(), paidAt);
        } catch (InvalidNotification e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidNotification("malformed", "notification cannot be read: " + e.getClass().getSimpleName());
        }
    }

    private static String text(JsonNode n, String field) throws InvalidNotification {
        JsonNode v = n.path(field);
        if (!v.isString() || v.asString().isBlank() || v.asString().length() > 64) {
            throw new InvalidNotification("malformed", field + " is missing");
        }
        return v.asString();
    }
}
