package org.yiwang.payments.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import org.yiwang.crypto.CryptoProvider;
import org.yiwang.payments.Bill;

/**
 * The simulated bank behind the {@code sim} gateway: when the payer confirms on the simulator page it builds a
 * notification, signs it with the simulator's SM2 private key and POSTs it to the platform's callback URL over HTTP,
 * exactly as an external channel would ({@code yiwang.payments.simulator.callback-base-url}, default this server).
 */
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(prefix = "yiwang.payments.simulator", name = "enabled", havingValue = "true", matchIfMissing = true)
@Component
class SimulatorBank {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** What the callback answered. */
    record CallbackResult(int status, String body) {
    }

    private final SimulatorKeys keys;
    private final CryptoProvider crypto;
    private final String configuredBase;
    private volatile int localPort = 8080;

    SimulatorBank(SimulatorKeys keys, CryptoProvider crypto,
                  @Value("${yiwang.payments.simulator.callback-base-url:}") String configuredBase) {
        this.keys = keys;
        this.crypto = crypto;
        this.configuredBase = configuredBase;
    }

    @EventListener
    void onServerStarted(WebServerInitializedEvent event) {
        localPort = event.getWebServer().getPort();
    }

    /** A notification body for a payment of {@code bill} (amount as billed), with fresh notification and trade numbers. */
    static byte[] notificationFor(Bill bill, long amountFen) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("notifyId", "N" + UUID.randomUUID().toString().replace("-", ""));
        n.put("billNo", bill.billNo());
        n.put("tradeNo", "SIM" + UUID.randomUUID().toString().replace("-", "").substring(0, 20).toUpperCase());
        n.put("amount", amountFen);
        n.put("paidAt", Instant.now().toString());
        return JSON.writeValueAsString(n).getBytes(StandardCharsets.UTF_8);
    }

    /** The simulator's SM2 signature of a body, base64. */
    String sign(byte[] body) {
        return Base64.getEncoder().encodeToString(crypto.sm2Sign(keys.privateKey(), body));
    }

    /** Pays {@code bill}: signs a notification and posts it to the callback; returns what the platform answered. */
    CallbackResult pay(Bill bill) {
        byte[] body = notificationFor(bill, bill.amountFen());
        return post(body, sign(body));
    }

    CallbackResult post(byte[] body, String signature) {
        String base = configuredBase.isBlank() ? "http://127.0.0.1:" + localPort : configuredBase.replaceAll("/+$", "");
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/v1/payments/callbacks/" + SimulatorKeys.GATEWAY))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header(SimulatorGateway.SIGNATURE_HEADER, signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<String> r = HTTP.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new CallbackResult(r.statusCode(), r.body());
        } catch (IOException e) {
            return new CallbackResult(503, "callback unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CallbackResult(503, "interrupted");
        }
    }
}
