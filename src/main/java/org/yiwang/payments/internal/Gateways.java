package org.yiwang.payments.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import org.yiwang.payments.PaymentGateway;
import org.yiwang.shared.web.ProblemException;

/** The installed {@link PaymentGateway} beans by id, and the one payers are sent to ({@code yiwang.payments.default-gateway}). */
@Component
class Gateways {

    private final Map<String, PaymentGateway> byId = new LinkedHashMap<>();
    private final String preferred;

    Gateways(ObjectProvider<PaymentGateway> gateways, @Value("${yiwang.payments.default-gateway:sim}") String preferred) {
        gateways.orderedStream().forEach(g -> byId.put(g.id(), g));
        this.preferred = preferred;
    }

    Optional<PaymentGateway> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The gateway named {@code id}, or the default one when {@code id} is blank; 400 when there is none. */
    PaymentGateway choose(String id) {
        if (id != null && !id.isBlank()) {
            return find(id.trim()).orElseThrow(() -> ProblemException.invalidField("gateway", "未知的支付渠道", "unknown gateway"));
        }
        PaymentGateway g = byId.containsKey(preferred) ? byId.get(preferred) : byId.values().stream().findFirst().orElse(null);
        if (g == null) {
            throw ProblemException.conflict("no-gateway", "暂无可用的支付渠道，请到窗口缴费", "No payment gateway is configured; pay at the service window");
        }
        return g;
    }
}
