-- Working-time calendar (工作日历). Only days that differ from the weekly rule (Mon-Fri working, Sat/Sun rest)
-- are stored: statutory holidays (working = false) and 调休 make-up working days (working = true).
-- Rows come from the resource files calendar/cn-YYYY.csv (source 'file'), loaded idempotently at start-up,
-- or from an administrator (source 'admin'), which a later file never overwrites.
create table calendar_day (
    cal_date   date                     not null primary key,
    working    boolean                  not null,
    name       varchar(100),
    source     varchar(16)              not null,
    updated_at timestamp with time zone not null,
    updated_by varchar(64)              not null
);

-- Which years have holiday data and where they came from ('file:cn-2026.csv' with the file's SHA-256, or 'admin').
create table calendar_year (
    cal_year    int                      not null primary key,
    origin      varchar(100)             not null,
    checksum    varchar(64)              not null,
    provisional boolean                  not null,
    loaded_at   timestamp with time zone not null
);

-- Bumped on every change; each node re-reads its cached years when it sees a new value (checked every 30 s).
create table calendar_version (
    id         int    not null primary key,
    version_no bigint not null
);
insert into calendar_version (id, version_no) values (1, 0);
