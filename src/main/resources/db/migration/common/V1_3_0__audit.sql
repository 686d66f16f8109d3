-- Audit trail (行为监控): an append-only SM3 hash chain.
-- Every entry's hash = SM3(canonical form of its own fields + the previous entry's hash); the genesis
-- "previous hash" is 64 zeros. Appends are serialised by a row lock on the single audit_chain_head row,
-- which also remembers the last sequence number and hash so a truncated tail is detected.
create table audit_chain_head (
    id        int         not null primary key,
    last_seq  bigint      not null,
    last_hash varchar(64) not null
);
insert into audit_chain_head (id, last_seq, last_hash)
values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

create table audit_entry (
    seq         bigint                   not null primary key,
    occurred_at timestamp with time zone not null,
    actor_id    varchar(64)              not null,
    actor_name  varchar(200),
    action      varchar(100)             not null,
    target      varchar(300),
    success     boolean                  not null,
    detail      varchar(2000),
    client_ip   varchar(64),
    user_agent  varchar(300),
    prev_hash   varchar(64)              not null,
    hash        varchar(64)              not null
);
create index audit_entry_occurred_at_idx on audit_entry (occurred_at);
create index audit_entry_actor_idx on audit_entry (actor_id);
create index audit_entry_action_idx on audit_entry (action);
create index audit_entry_target_idx on audit_entry (target);
