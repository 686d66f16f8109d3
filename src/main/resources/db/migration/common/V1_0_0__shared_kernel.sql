-- Shared kernel: idempotency keys and the demo-load marker.
create table idempotency_record (
    scope        varchar(64)  not null,
    idem_key     varchar(200) not null,
    caller_id    varchar(64)  not null,
    fingerprint  varchar(64)  not null,
    resource_id  varchar(128),
    created_at   timestamp with time zone not null,
    primary key (scope, caller_id, idem_key)
);

create table demo_load (
    id        varchar(32) primary key,
    loaded_at timestamp with time zone not null
);
