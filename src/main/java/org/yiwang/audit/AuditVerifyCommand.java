package org.yiwang.audit;

import java.io.PrintStream;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The {@code verify-audit} command: start the application with {@code --yiwang.audit.verify} and it checks
 * the audit hash chain, prints the result and exits — status 0 when the chain is intact, 3 when it is
 * broken (1 is left to start-up failures). Add {@code --spring.main.web-application-type=none} so no web
 * server is opened for the run:
 * <pre>
 * java -jar target/yiwang.jar --yiwang.audit.verify --spring.main.web-application-type=none
 * ./yiwang run -Dspring-boot.run.arguments="--yiwang.audit.verify --spring.main.web-application-type=none"
 * </pre>
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
@ConditionalOnProperty(name = "yiwang.audit.verify") // "--yiwang.audit.verify" alone gives "", which matches; "=false" does not
class AuditVerifyCommand implements ApplicationRunner {

    static final int BROKEN_EXIT_CODE = 3;

    private final AuditVerifier verifier;
    private final AuditLog audit;
    private final ApplicationContext context;

    AuditVerifyCommand(AuditVerifier verifier, AuditLog audit, ApplicationContext context) {
        this.verifier = verifier;
        this.audit = audit;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        int code = report(verifier, System.out);
        audit.recordAs("system", "命令行 verify-audit", "audit.verify", "audit-chain", code == 0,
                code == 0 ? "intact (command line)" : "broken (command line)");
        System.exit(SpringApplication.exit(context, () -> code));
    }

    /** Verifies the chain, prints the outcome and returns the exit status. */
    static int report(AuditVerifier verifier, PrintStream out) {
        AuditVerifier.Result r = verifier.verify();
        if (r.ok()) {
            out.println("yiwang audit chain: OK, " + r.entriesChecked() + " entries verified");
            return 0;
        }
        AuditVerifier.BrokenLink b = r.firstBroken();
        out.println("yiwang audit chain: BROKEN at entry " + b.sequence() + " (" + b.reason() + ") after "
                + r.entriesChecked() + " intact entries");
        out.println("  " + b.message());
        out.println("  expected: " + b.expected());
        out.println("  stored:   " + b.stored());
        return BROKEN_EXIT_CODE;
    }
}
