-- sensing: raw readings, range-partitioned by month (partitions sensor_reading_yYYYYmMM are created ahead and
-- dropped after the retention period by the sensing partition job; the default partition catches the rest)
create table sensor_reading (
    device_id   varchar(64) not null,
    metric      varchar(32) not null,
    ts          timestamp with time zone not null,
    "value"     double precision not null
) partition by range (ts);

create table sensor_reading_default partition of sensor_reading default;

create index sensor_reading_series on sensor_reading (device_id, metric, ts);
