package org.yiwang.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.yiwang.shared.ids.ChineseIds;
import org.yiwang.support.IntegrationTest;

/**
 * After the demo city is loaded (and whatever the other tests in this run wrote), no table holds a
 * resident ID number or a mobile phone number in clear: every text column of every table is scanned.
 */
class PersonalDataAtRestTest extends IntegrationTest {

    // a value standing alone (not inside a hex digest, a base64 ciphertext or a decimal number)
    private static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9A-Za-z])\\d{17}[\\dXx](?![0-9A-Za-z])");
    private static final Pattern MOBILE = Pattern.compile("(?<![0-9A-Za-z.])1[3-9]\\d{9}(?![0-9A-Za-z.])");

    @Test
    void noPlaintextIdNumbersOrPhoneNumbersAnywhereInTheDatabase() {
        // the detectors themselves find what they must
        assertThat(ID_NUMBER.matcher("{\"id\":\"339902199003071232\"}").find()).isTrue();
        assertThat(MOBILE.matcher("tel:13800000001;").find()).isTrue();
        assertThat(MOBILE.matcher("9f13800000001ab").find()).as("inside a hex digest").isFalse();
        // sanity: the demo city holds people with ID numbers and phones, so the scan has something to find
        assertThat(jdbc.queryForObject("select count(*) from reg_person", Integer.class)).isGreaterThan(10);

        List<Map<String, Object>> columns = jdbc.queryForList("""
                select table_name, column_name from information_schema.columns
                where lower(table_schema) = lower(current_schema())
                  and (lower(data_type) like '%char%' or lower(data_type) like '%text%' or lower(data_type) like '%clob%')""");
        assertThat(columns).isNotEmpty();
        List<String> findings = new ArrayList<>();
        int scanned = 0;
        for (Map<String, Object> c : columns) {
            String table = ((String) c.get("table_name")).toLowerCase();
            String column = ((String) c.get("column_name")).toLowerCase();
            if (table.equals("flyway_schema_history")) {
                continue;
            }
            for (String value : jdbc.queryForList("select \"" + column + "\" from \"" + table + "\" where \"" + column + "\" is not null", String.class)) {
                scanned++;
                Matcher id = ID_NUMBER.matcher(value);
                while (id.find()) {
                    if (ChineseIds.isValidResidentId(id.group())) {
                        findings.add(table + "." + column + " holds an ID number");
                    }
                }
                if (MOBILE.matcher(value).find()) {
                    findings.add(table + "." + column + " holds a phone number: " + Masking.mask(PersonalDataKind.PHONE, value.length() > 40 ? value.substring(0, 40) : value));
                }
            }
        }
        assertThat(scanned).isGreaterThan(100);
        assertThat(findings).as("plaintext personal data at rest").isEmpty();
    }
}
