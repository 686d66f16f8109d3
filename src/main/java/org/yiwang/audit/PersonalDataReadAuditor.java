package org.yiwang.audit;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import org.yiwang.crypto.PersonalDataRead;

/** Records every full read of personal data (个人信息查阅) as a {@code personal-data.read} entry, in the reader's transaction. */
@Component
class PersonalDataReadAuditor {

    static final String ACTION = "personal-data.read";

    private final AuditLog audit;

    PersonalDataReadAuditor(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    void on(PersonalDataRead event) {
        audit.record(ACTION, event.subjectRef(), true, "kind=" + event.kind() + "; purpose=" + event.purpose());
    }
}
