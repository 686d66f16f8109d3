-- sensing: raw readings; a plain table on H2 (retention deletes old rows); "value" is a keyword in H2, so it is quoted
-- (PostgreSQL accepts the same quoted name)
create table sensor_reading (
    device_id   varchar(64) not null,
    metric      varchar(32) not null,
    ts          timestamp with time zone not null,
    "value"     double precision not null
);

create index sensor_reading_series on sensor_reading (device_id, metric, ts);
