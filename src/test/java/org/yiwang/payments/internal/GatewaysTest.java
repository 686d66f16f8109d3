package org.yiwang.payments.internal;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import org.yiwang.payments.Bill;
import org.yiwang.payments.PaymentGateway;
import org.yiwang.shared.web.ProblemException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which gateway payers are sent to: the named one, the configured default, the first installed, or none (409). */
class GatewaysTest {

    private static PaymentGateway gateway(String id) {
        return new PaymentGateway() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public URI paymentPage(Bill bill, String returnPath) {
                return URI.create("/pay/" + id);
            }

            @Override
            public Notification verify(byte[] body, Map<String, String> headers) throws InvalidNotification {
                throw new InvalidNotification("bad-signature", "test gateway verifies nothing");
            }
        };
    }

    private static Gateways gateways(String preferred, PaymentGateway... installed) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        for (PaymentGateway g : installed) {
            beans.addBean(g.id(), g);
        }
        return new Gateways(beans.getBeanProvider(PaymentGateway.class), preferred);
    }

    @Test
    void choosesTheNamedTheDefaultOrTheFirstGateway() {
        Gateways g = gateways("bank", gateway("sim"), gateway("bank"));
        assertThat(g.choose(null).id()).isEqualTo("bank");
        assertThat(g.choose("sim").id()).isEqualTo("sim");
        assertThat(gateways("sim", gateway("bank")).choose(" ").id()).isEqualTo("bank");
        assertThatThrownBy(() -> g.choose("paypal")).isInstanceOfSatisfying(ProblemException.class,
                p -> assertThat(p.violations()).extracting(v -> v.field()).containsExactly("gateway"));
    }

    @Test
    void withoutAnyGatewayPayersAreToldToPayAtTheWindow() {
        Gateways none = gateways("sim");
        assertThat(none.find("sim")).isEmpty();
        assertThatThrownBy(() -> none.choose(null)).isInstanceOfSatisfying(ProblemException.class,
                p -> assertThat(p.code()).isEqualTo("no-gateway"));
    }
}
