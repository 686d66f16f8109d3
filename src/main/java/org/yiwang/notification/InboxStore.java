package org.yiwang.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The {@code inbox_message} table. Every query is bound to one account: nobody reads another's inbox. */
@Repository
class InboxStore implements Inbox {

    private final JdbcTemplate jdbc;

    InboxStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    String insert(String accountId, String category, String templateCode, String title, String body, String link) {
        String id = UUID.randomUUID().toString();
        jdbc.update("insert into inbox_message (id, account_id, category, template_code, title, body, link, created_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?)",
                id, accountId, category, templateCode, title, body, link, Timestamp.from(Instant.now()));
        return id;
    }

    @Override
    @Transactional(readOnly = true)
    public long unreadCount(String accountId) {
        Long n = jdbc.queryForObject("select count(*) from inbox_message where account_id = ? and read_at is null", Long.class, accountId);
        return n == null ? 0 : n;
    }

    @Override
    @Transactional(readOnly = true)
    public Page page(String accountId, boolean unreadOnly, int page, int size) {
        int p = Math.max(page, 0);
        int s = Math.min(Math.max(size, 1), 100);
        String filter = unreadOnly ? " and read_at is null" : "";
        Long total = jdbc.queryForObject("select count(*) from inbox_message where account_id = ?" + filter, Long.class, accountId);
        List<Message> items = jdbc.query("select * from inbox_message where account_id = ?" + filter
                + " order by created_at desc, id desc limit ? offset ?", this::map, accountId, s, (long) p * s);
        return new Page(items, total == null ? 0 : total, unreadCount(accountId), p, s);
    }

    /** The account's own message; empty when it does not exist or belongs to someone else. */
    Optional<Message> find(String accountId, String id) {
        return jdbc.query("select * from inbox_message where id = ? and account_id = ?", this::map, id, accountId).stream().findFirst();
    }

    /** Marks the account's own message read (idempotent); empty when it is not the account's. */
    @Transactional
    public Optional<Message> markRead(String accountId, String id) {
        jdbc.update("update inbox_message set read_at = ? where id = ? and account_id = ? and read_at is null",
                Timestamp.from(Instant.now()), id, accountId);
        return find(accountId, id);
    }

    @Transactional
    public int markAllRead(String accountId) {
        return jdbc.update("update inbox_message set read_at = ? where account_id = ? and read_at is null",
                Timestamp.from(Instant.now()), accountId);
    }

    private Message map(ResultSet rs, int row) throws SQLException {
        Timestamp read = rs.getTimestamp("read_at");
        return new Message(rs.getString("id"), rs.getString("category"), rs.getString("template_code"), rs.getString("title"),
                rs.getString("body"), rs.getString("link"), rs.getTimestamp("created_at").toInstant(),
                read == null ? null : read.toInstant());
    }
}
