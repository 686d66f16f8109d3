-- Sensing, early warning (预警): warning rules as data, alerts, subscriptions, and the permission to manage rules.

-- A warning rule applies to the devices of one type (optionally one device, optionally an area: a region code prefix
-- of 12 digits or a 15-digit grid code). Thresholds per level (蓝/黄/橙/红), each optional, monotonic in the
-- rule's direction. Kinds: THRESHOLD (value beyond a level's threshold for hold_seconds, by reading time),
-- RATE_OF_CHANGE (change over window_seconds beyond the threshold), MISSING_DATA (no reading for the threshold's
-- seconds; direction ABOVE), MULTI_POINT (at least min_count devices of the area beyond the threshold within
-- window_seconds — 多点触发).
create table sensing_warning_rule (
    id               varchar(64)   not null primary key,
    name_zh          varchar(200)  not null,
    name_en          varchar(200)  not null,
    kind             varchar(16)   not null,
    type_code        varchar(32)   not null references sensing_device_type (code),
    metric           varchar(32),
    device_id        varchar(64),
    area_code        varchar(15),
    direction        varchar(8)    not null,
    blue_threshold   double precision,
    yellow_threshold double precision,
    orange_threshold double precision,
    red_threshold    double precision,
    hold_seconds     integer       not null,
    window_seconds   integer       not null,
    min_count        integer,
    hysteresis       double precision not null,
    recover_seconds  integer       not null,
    event_class_code varchar(5),
    enabled          boolean       not null,
    updated_at       timestamp with time zone not null,
    updated_by       varchar(64)   not null
);

-- An alert per (rule, subject): subject is the device id, or the area code for MULTI_POINT ('*' for the whole city).
create table sensing_alert (
    id           varchar(36)   not null primary key,
    rule_id      varchar(64)   not null,
    subject      varchar(64)   not null,
    device_id    varchar(64),
    device_ids   varchar(2000),
    metric       varchar(32),
    level        varchar(8)    not null,
    active       boolean       not null,
    "value"      double precision,
    lon          double precision not null,
    lat          double precision not null,
    grid_code    varchar(15),
    region_code  varchar(12),
    event_id     varchar(36),
    raised_at    timestamp with time zone not null,
    updated_at   timestamp with time zone not null,
    recovered_at timestamp with time zone
);
create index sensing_alert_active_idx on sensing_alert (active);
create index sensing_alert_subject_idx on sensing_alert (rule_id, subject, raised_at);
create index sensing_alert_updated_idx on sensing_alert (updated_at);

-- Accounts notified of alerts (订阅): of one rule, of an area (region code prefix or grid code), or of both.
create table sensing_alert_subscription (
    id          varchar(36)  not null primary key,
    account_id  varchar(64)  not null,
    rule_id     varchar(64),
    area_code   varchar(15),
    created_at  timestamp with time zone not null
);
create index sensing_alert_subscription_account_idx on sensing_alert_subscription (account_id);

insert into identity_role_permission (role_code, permission) values
    ('ADMIN', 'warning-rule:manage'),
    ('REGION_ADMIN', 'warning-rule:manage');
