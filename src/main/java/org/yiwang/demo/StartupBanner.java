package org.yiwang.demo;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Prints where the platform is and, with the demo city loaded, which demo accounts exist. */
@Component
class StartupBanner {

    private final Environment env;
    private final boolean demo;
    private final String demoPassword;

    StartupBanner(Environment env, @Value("${yiwang.demo.enabled:false}") boolean demo,
                  @Value("${yiwang.demo.password:Yiwang@2026}") String demoPassword) {
        this.env = env;
        this.demo = demo;
        this.demoPassword = demoPassword;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        StringBuilder b = new StringBuilder("\n\n  yiwang 一网 is running: http://localhost:").append(port).append("/\n")
                .append("  API docs: http://localhost:").append(port).append("/swagger-ui.html   health: /actuator/health\n")
                .append("  data directory: ").append(env.getProperty("yiwang.home")).append('\n');
        if (demo) {
            b.append("  Demo accounts (password ").append(demoPassword.equals("Yiwang@2026") ? "Yiwang@2026" : "from YIWANG_DEMO_PASSWORD").append("):\n");
            for (String[] a : DemoAccounts.ALL) {
                b.append(String.format("    %-22s %s%n", a[0], a[1]));
            }
        }
        System.out.println(b);
    }
}
