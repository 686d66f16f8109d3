package org.yiwang.governance.internal.open311;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.yiwang.crypto.PersonalDataKind;
import org.yiwang.crypto.PersonalDataVault;
import org.yiwang.governance.CityEvent;
import org.yiwang.governance.internal.events.ReporterContacts;
import org.yiwang.shared.security.Caller;

/** The contact details an Open311 client sent with a request, for the officers who see the event (masked or audited). */
@Component
class Open311ReporterContacts implements ReporterContacts {

    private final JdbcClient jdbc;
    private final PersonalDataVault vault;

    Open311ReporterContacts(JdbcClient jdbc, PersonalDataVault vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    @Override
    public Map<String, String> contact(CityEvent event, Caller caller) {
        if (!"OPEN311".equals(event.source())) {
            return Map.of();
        }
        return jdbc.sql("select email_enc, phone_enc, first_name_enc, last_name_enc from gov_open311_request where event_id = ?")
                .param(event.id()).query((rs, i) -> {
                    Map<String, String> m = new LinkedHashMap<>();
                    String ref = "event:" + event.eventNo();
                    put(m, "lastName", vault.display(PersonalDataKind.NAME, rs.getString("last_name_enc"), ref, "event-open311-contact", caller));
                    put(m, "firstName", vault.display(PersonalDataKind.NAME, rs.getString("first_name_enc"), ref, "event-open311-contact", caller));
                    put(m, "phone", vault.display(PersonalDataKind.PHONE, rs.getString("phone_enc"), ref, "event-open311-contact", caller));
                    put(m, "email", vault.display(PersonalDataKind.EMAIL, rs.getString("email_enc"), ref, "event-open311-contact", caller));
                    return m;
                }).optional().orElse(Map.of());
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
