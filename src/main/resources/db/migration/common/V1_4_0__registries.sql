-- Base registries (一数一源): population (人口库) and legal entities (法人库).
-- Personal data is never stored in clear: *_enc = SM4-GCM ciphertext, *_bidx = HMAC-SM3 blind index for exact lookup.
-- region_code and source_department_id refer to the organization module (checked by the import service).

create table reg_person (
    id                    varchar(36)  not null primary key,
    name                  varchar(100) not null,
    id_number_enc         varchar(200) not null,   -- 居民身份证号
    id_number_bidx        varchar(100) not null,
    sex                   varchar(1)   not null,   -- M | F, from the ID number
    birth_date            date         not null,   -- from the ID number
    phone_enc             varchar(200),
    phone_bidx            varchar(100),
    address_enc           varchar(2000),
    address_bidx          varchar(100),
    region_code           varchar(12)  not null,   -- the community (村/社区) of residence
    source_department_id  varchar(64)  not null,   -- 提供部门
    created_at            timestamp with time zone not null,
    updated_at            timestamp with time zone not null,
    constraint reg_person_id_number_uk unique (id_number_bidx)
);
create index reg_person_region_idx on reg_person (region_code);
create index reg_person_phone_idx on reg_person (phone_bidx);

create table reg_legal_entity (
    id                    varchar(36)  not null primary key,
    credit_code           varchar(18)  not null,   -- 统一社会信用代码 (public, in clear)
    name                  varchar(200) not null,
    entity_type           varchar(32)  not null,
    legal_rep_name        varchar(100) not null,   -- 法定代表人 / 负责人 / 经营者
    legal_rep_id_enc      varchar(200) not null,
    legal_rep_id_bidx     varchar(100) not null,
    registered_address    varchar(300),            -- 住所 (public registration data)
    region_code           varchar(12)  not null,
    established_on        date,
    status                varchar(16)  not null,   -- ACTIVE 存续 | DEREGISTERED 注销 | REVOKED 吊销 | MOVED_OUT 迁出 | CANCELLED 撤销
    source_department_id  varchar(64)  not null,
    created_at            timestamp with time zone not null,
    updated_at            timestamp with time zone not null,
    constraint reg_legal_entity_credit_code_uk unique (credit_code)
);
create index reg_legal_entity_region_idx on reg_legal_entity (region_code);
create index reg_legal_entity_rep_idx on reg_legal_entity (legal_rep_id_bidx);
