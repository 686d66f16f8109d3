package org.yiwang.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code notification_template} table: one row per (code, channel, locale). */
@Repository
class TemplateStore {

    static final String ZH_CN = "zh-CN";
    static final String EN = "en";
    static final List<String> LOCALES = List.of(ZH_CN, EN);

    private final JdbcTemplate jdbc;

    TemplateStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Template(String code, Channel channel, String locale, String category, String subject, String body,
                    Instant updatedAt, String updatedBy) {
    }

    /** The locale tag templates are stored under: {@code en} for English, {@code zh-CN} for everything else. */
    static String tag(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? EN : ZH_CN;
    }

    boolean exists(String code) {
        Integer n = jdbc.queryForObject("select count(*) from notification_template where code = ?", Integer.class, code);
        return n != null && n > 0;
    }

    /**
     * The template for a channel and language, falling back to Chinese, then to the in-app template of
     * the same code (e-mail without its own template uses the in-app text).
     */
    Optional<Template> find(String code, Channel channel, Locale locale) {
        List<Template> variants = byCode(code);
        String wanted = tag(locale);
        List<Channel> channels = channel == Channel.IN_APP ? List.of(Channel.IN_APP) : List.of(channel, Channel.IN_APP);
        for (Channel c : channels) {
            for (String l : List.of(wanted, ZH_CN)) {
                for (Template t : variants) {
                    if (t.channel() == c && t.locale().equals(l)) {
                        return Optional.of(t);
                    }
                }
            }
        }
        return Optional.empty();
    }

    List<Template> byCode(String code) {
        return jdbc.query("select * from notification_template where code = ? order by channel, locale", this::map, code);
    }

    List<Template> all() {
        return jdbc.query("select * from notification_template order by code, channel, locale", this::map);
    }

    /** Inserts or replaces one template variant; returns true when it was created. */
    boolean upsert(String code, Channel channel, String locale, String category, String subject, String body, String by) {
        Timestamp now = Timestamp.from(Instant.now());
        int updated = jdbc.update("update notification_template set category = ?, subject = ?, body = ?, updated_at = ?, updated_by = ?"
                + " where code = ? and channel = ? and locale = ?", category, subject, body, now, by, code, channel.name(), locale);
        if (updated > 0) {
            return false;
        }
        jdbc.update("insert into notification_template (code, channel, locale, category, subject, body, updated_at, updated_by)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?)", code, channel.name(), locale, category, subject, body, now, by);
        return true;
    }

    private Template map(ResultSet rs, int row) throws SQLException {
        return new Template(rs.getString("code"), Channel.valueOf(rs.getString("channel")), rs.getString("locale"),
                rs.getString("category"), rs.getString("subject"), rs.getString("body"),
                rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"));
    }

    static List<String> placeholders(String text) {
        List<String> names = new ArrayList<>();
        int i = 0;
        while ((i = text.indexOf("${", i)) >= 0) {
            int end = text.indexOf('}', i + 2);
            if (end < 0) {
                break;
            }
            String name = text.substring(i + 2, end);
            int sep = name.indexOf(':');
            names.add(sep >= 0 ? name.substring(0, sep) : name);
            i = end + 1;
        }
        return names;
    }
}
