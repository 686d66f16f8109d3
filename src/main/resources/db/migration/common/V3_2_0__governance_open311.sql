-- Governance (一网统管), part 3: Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) at /open311/v2/.
-- Requests posted by other systems become city events (source OPEN311) through the one entrance (统一入口);
-- these tables hold what Open311 adds: the posting systems' API keys, the request token and what the client sent.

-- API keys of the systems that may POST requests; only the SM3 digest of a key is stored
create table gov_open311_key (
    id           varchar(36)  not null primary key,
    key_hash     varchar(64)  not null unique,             -- hex SM3 of the key
    owner        varchar(200) not null,                    -- who is responsible (organisation, contact)
    system_name  varchar(200) not null,                    -- the client system, shown as the reporter
    active       boolean      not null default true,
    created_at   timestamp with time zone not null,
    last_used_at timestamp with time zone
);

-- one row per city event created through Open311
create table gov_open311_request (
    event_id        varchar(36)   not null primary key references gov_event (id),
    token           varchar(36)   not null unique,
    api_key_id      varchar(36)   not null references gov_open311_key (id),
    jurisdiction_id varchar(100),
    service_code    varchar(5)    not null,
    description     varchar(4000),                         -- as the client sent it (the event's text adds the attributes)
    address_string  varchar(500),
    media_url       varchar(1000),                         -- the client's public media URL
    attributes      varchar(4000),                         -- JSON object code -> value or [values]
    device_id       varchar(200),
    email_enc       text,                                  -- personal data through PersonalDataVault
    phone_enc       text,
    first_name_enc  text,
    last_name_enc   text,
    created_at      timestamp with time zone not null
);

-- service definition attributes (GeoReport v2 "attributes"); applies_to = '*' (every service), 'C' (部件), 'E' (事件)
-- or one class code
create table gov_open311_attribute (
    applies_to           varchar(5)   not null,
    code                 varchar(50)  not null,
    variable             boolean      not null,
    datatype             varchar(20)  not null,            -- string, number, datetime, text, singlevaluelist, multivaluelist
    required             boolean      not null,
    datatype_description varchar(200),
    sort_order           int          not null,
    description          varchar(500) not null,            -- zh-CN
    description_en       varchar(500) not null,
    primary key (applies_to, code)
);

create table gov_open311_attribute_value (
    applies_to     varchar(5)   not null,
    attribute_code varchar(50)  not null,
    value_key      varchar(50)  not null,
    name           varchar(200) not null,
    name_en        varchar(200) not null,
    sort_order     int          not null,
    primary key (applies_to, attribute_code, value_key),
    foreign key (applies_to, attribute_code) references gov_open311_attribute (applies_to, code)
);

insert into gov_open311_attribute (applies_to, code, variable, datatype, required, datatype_description, sort_order, description, description_en) values
    ('*', 'privacy_notice', false, 'text', false, null, 1,
     '请勿在描述中填写身份证号等个人信息；联系方式请填在 email / phone 字段，平台加密保存。',
     'Do not put ID numbers or other personal data in the description; contact details go in email / phone, which are stored encrypted.'),
    ('*', 'hazard', true, 'singlevaluelist', false, null, 2,
     '是否存在安全隐患（可能伤人、阻断交通等）', 'Is there a safety hazard (could hurt someone, blocks traffic, ...)?'),
    ('C', 'part_code', true, 'string', false, '16 位数字 / 16 digits', 3,
     '部件标识码（部件铭牌上的 16 位编码，GB/T 30428.2）', 'Component id: the 16-digit code on the component''s label (GB/T 30428.2)');

insert into gov_open311_attribute_value (applies_to, attribute_code, value_key, name, name_en, sort_order) values
    ('*', 'hazard', 'yes', '有安全隐患', 'Yes, hazardous', 1),
    ('*', 'hazard', 'no', '无安全隐患', 'No hazard', 2);
