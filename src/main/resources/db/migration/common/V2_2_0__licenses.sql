-- licenses 电子证照: license types, the departments' electronic seals (电子印章), per-type serials and the
-- issued licenses (structured data + SM3 digest + SM2 seal signature over the canonical form).

create table license_type (
    code            varchar(21)   not null primary key,   -- 证照类型代码: defining authority credit code + 3 digits
    name            varchar(100)  not null unique,
    name_en         varchar(200)  not null,
    issuing_level   varchar(16)   not null,               -- CITY | DISTRICT | STREET
    holder_kind     varchar(16)   not null,               -- PERSON | LEGAL_ENTITY
    fields_json     varchar(8000) not null,               -- template fields [{key,label,labelEn,required}]
    validity_years  integer,                              -- null = 长期
    updated_at      timestamp with time zone not null
);

-- One SM2 seal key pair per issuing department; the private key is SM4-GCM wrapped by crypto.CryptoProvider.
create table license_seal (
    department_id       varchar(64)   not null primary key,
    public_key          varchar(400)  not null,
    private_key_cipher  varchar(1000) not null,
    created_at          timestamp with time zone not null
);

-- 流水号 per (type, issuer); incremented under the row lock.
create table license_serial (
    type_code    varchar(21) not null,
    issuer_code  varchar(18) not null,
    next_value   bigint      not null,
    primary key (type_code, issuer_code)
);

create table license (
    id                  varchar(100)  not null primary key,    -- 电子证照标识 (GB/T 36904)
    type_code           varchar(21)   not null references license_type (code),
    department_id       varchar(64)   not null,
    issuer_name         varchar(200)  not null,
    issuer_credit_code  varchar(18)   not null,
    region_code         varchar(12)   not null,                -- the issuing department's region (AccessScope)
    holder_kind         varchar(16)   not null,
    holder_name         varchar(200)  not null,
    holder_id_cipher    varchar(400),                          -- person: 居民身份证号, SM4-GCM (PersonalDataVault)
    holder_id_index     varchar(100),                          -- person: blind index of it
    holder_credit_code  varchar(18),                           -- legal entity: 统一社会信用代码
    holder_subject_id   varchar(64),                           -- registry id of the person / legal entity, when known
    holder_account_id   varchar(36),
    data_json           varchar(8000) not null,
    valid_from          date          not null,
    valid_until         date,
    issued_at           timestamp with time zone not null,
    digest              varchar(64)   not null,                -- hex SM3 of the canonical form
    signature           varchar(200)  not null,                -- base64 DER SM2/SM3 signature of the canonical form
    seal_public_key     varchar(400)  not null,                -- the seal key that signed it
    status              varchar(16)   not null,                -- VALID | REVOKED (EXPIRED is derived)
    revoked_at          timestamp with time zone,
    revoked_by          varchar(36),
    revoke_reason       varchar(500),
    source_ref          varchar(64),
    constraint license_type_source_uk unique (type_code, source_ref)
);
create index license_holder_account_idx on license (holder_account_id);
create index license_holder_subject_idx on license (holder_subject_id);
create index license_holder_id_idx on license (holder_id_index);
create index license_holder_credit_idx on license (holder_credit_code);
create index license_region_idx on license (region_code);

insert into identity_role_permission (role_code, permission) values
    ('ADMIN', 'license:revoke'), ('ADMIN', 'license:read'), ('ADMIN', 'license:manage-types'),
    ('DECIDER', 'license:revoke'), ('DECIDER', 'license:read'),
    ('REVIEWER', 'license:read'), ('CLERK', 'license:read'), ('REGION_ADMIN', 'license:read');
