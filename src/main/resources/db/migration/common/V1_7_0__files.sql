-- Files module: metadata of stored files and grants to accounts beyond owner and data scope.
create table stored_file (
    id            varchar(36)  primary key,
    store         varchar(16)  not null,   -- local | s3
    storage_key   varchar(300) not null,   -- random, never derived from user input
    original_name varchar(255) not null,
    purpose       varchar(64),
    content_type  varchar(100) not null,   -- detected from the content
    size_bytes    bigint       not null,
    sha256        char(64)     not null,
    owner_id      varchar(64)  not null,
    region_code   varchar(12),             -- set for officers' uploads (data scope)
    department_id varchar(64),
    created_at    timestamp with time zone not null
);
create index stored_file_owner_idx on stored_file (owner_id, created_at);
create index stored_file_region_idx on stored_file (region_code);

create table file_grant (
    file_id    varchar(36) not null references stored_file (id) on delete cascade,
    account_id varchar(64) not null,
    granted_at timestamp with time zone not null,
    granted_by varchar(64) not null,
    primary key (file_id, account_id)
);
create index file_grant_account_idx on file_grant (account_id);
