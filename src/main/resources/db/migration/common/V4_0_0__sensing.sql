-- sensing 感知体系: device types and their metrics, devices, reject counters, roll-ups.
-- sensor_reading itself is vendor-specific (V4_0_1: partitioned by month on PostgreSQL, plain on H2).

create table sensing_device_type (
    code        varchar(32)  primary key,
    name_zh     varchar(100) not null,
    name_en     varchar(100) not null
);

create table sensing_metric (
    type_code   varchar(32)  not null references sensing_device_type (code),
    code        varchar(32)  not null,
    name_zh     varchar(100) not null,
    name_en     varchar(100) not null,
    unit        varchar(16)  not null,
    min_value   double precision not null,
    max_value   double precision not null,
    primary key (type_code, code)
);

create table sensing_device (
    device_id           varchar(64)  primary key,
    name                varchar(200) not null,
    type_code           varchar(32)  not null references sensing_device_type (code),
    lon                 double precision not null,
    lat                 double precision not null,
    grid_code           varchar(15),
    region_code         varchar(12)  not null,
    owner_department_id varchar(64)  not null,
    secret_salt         varchar(64)  not null,
    secret_hash         varchar(64)  not null,
    status              varchar(16)  not null,
    last_seen_at        timestamp with time zone,
    created_at          timestamp with time zone not null
);
create index sensing_device_region on sensing_device (region_code);

-- rejected readings/messages counted per reason (never stored)
create table sensing_reject (
    reason      varchar(32) primary key,
    rejected    bigint not null
);

create table sensing_rollup_1m (
    device_id   varchar(64) not null,
    metric      varchar(32) not null,
    bucket      timestamp with time zone not null,
    min_value   double precision not null,
    max_value   double precision not null,
    sum_value   double precision not null,
    n           bigint not null,
    primary key (device_id, metric, bucket)
);

create table sensing_rollup_1h (
    device_id   varchar(64) not null,
    metric      varchar(32) not null,
    bucket      timestamp with time zone not null,
    min_value   double precision not null,
    max_value   double precision not null,
    sum_value   double precision not null,
    n           bigint not null,
    primary key (device_id, metric, bucket)
);

-- standard device types (reference data, also used by the demo city)
insert into sensing_device_type (code, name_zh, name_en) values
    ('WATER_LEVEL', '水位计', 'Water level gauge'),
    ('RAIN_GAUGE', '雨量计', 'Rain gauge'),
    ('GAS_DETECTOR', '可燃气体探测器', 'Combustible gas detector'),
    ('ELEVATOR', '电梯', 'Elevator'),
    ('AIR_QUALITY', '空气质量监测', 'Air quality station');

insert into sensing_metric (type_code, code, name_zh, name_en, unit, min_value, max_value) values
    ('WATER_LEVEL', 'water_level', '水位', 'Water level', 'm', -10, 100),
    ('RAIN_GAUGE', 'rainfall', '降雨量', 'Rainfall', 'mm', 0, 500),
    ('GAS_DETECTOR', 'gas_lel', '可燃气体浓度', 'Gas concentration', '%LEL', 0, 100),
    ('ELEVATOR', 'fault_code', '故障代码', 'Fault code', '', 0, 9999),
    ('ELEVATOR', 'trapped_alarm', '困人报警', 'Trapped-passenger alarm', '', 0, 1),
    ('AIR_QUALITY', 'pm25', 'PM2.5', 'PM2.5', 'µg/m³', 0, 2000),
    ('AIR_QUALITY', 'aqi', '空气质量指数', 'Air quality index', '', 0, 500);
