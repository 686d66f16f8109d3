-- Identity (用户体系 / 认证体系): accounts, role -> permission grants, bearer tokens, enterprise agents,
-- the persisted OIDC signing key. Personal data is stored only as SM4-GCM cipher text (*_enc) plus an
-- HMAC-SM3 blind index (*_bidx) for exact lookups.

create table identity_account (
    id                   varchar(36)  not null primary key,
    username             varchar(64)  not null,           -- lower-case sign-in name
    account_type         varchar(16)  not null,           -- CITIZEN | ENTERPRISE | OFFICER | ADMIN
    display_name         varchar(200) not null,           -- masked for citizens (张*华), officer / entity name otherwise
    status               varchar(16)  not null,           -- ACTIVE | DISABLED
    password_hash        varchar(255) not null,           -- Argon2id
    password_changed_at  timestamp with time zone not null,
    failed_attempts      int          not null default 0, -- consecutive failed sign-ins
    locked_until         timestamp with time zone,
    -- citizens (自然人): real name, 居民身份证号, phone
    real_name_level      varchar(24),                     -- SELF_DECLARED | REGISTRY_VERIFIED
    name_enc             varchar(1000),
    id_number_enc        varchar(1000),
    id_number_bidx       varchar(100),
    phone_enc            varchar(1000),
    phone_bidx           varchar(100),
    person_id            varchar(64),                     -- the person registry's id when matched
    -- enterprises (法人): 统一社会信用代码 (not personal data), legal representative (encrypted)
    credit_code          varchar(18),
    entity_name          varchar(200),
    legal_entity_id      varchar(64),                     -- the legal-entity registry's id when matched
    legal_rep_name_enc   varchar(1000),
    legal_rep_id_enc     varchar(1000),
    legal_rep_id_bidx    varchar(100),
    -- officers (工作人员): the organization module's officer
    officer_id           varchar(64),
    -- second factor (TOTP, RFC 6238); the secret is SM4-GCM encrypted
    totp_secret_enc      varchar(1000),
    totp_enabled         boolean      not null default false,
    totp_last_step       bigint,                          -- last accepted time step (no code replay)
    created_at           timestamp with time zone not null,
    updated_at           timestamp with time zone not null,
    constraint identity_account_username_uk unique (username),
    constraint identity_account_id_number_uk unique (id_number_bidx),
    constraint identity_account_credit_code_uk unique (credit_code),
    constraint identity_account_officer_uk unique (officer_id)
);
create index identity_account_person_idx on identity_account (person_id);
create index identity_account_phone_idx on identity_account (phone_bidx);

-- Permissions granted to roles (table-driven authorisation). Role codes: account types (CITIZEN,
-- ENTERPRISE, ADMIN) and officer assignment roles (CLERK, REVIEWER, ...). '*' means every permission.
-- personal-data:read-full is held by ADMIN only (through '*'): auditors verify the audit chain and read
-- audit entries, which never hold personal data in clear, so they do not need unmasked personal data.
create table identity_role_permission (
    role_code   varchar(32) not null,
    permission  varchar(64) not null,
    primary key (role_code, permission)
);

insert into identity_role_permission (role_code, permission) values
    ('ADMIN', '*'),
    ('ADMIN', 'region:read'), ('ADMIN', 'region:manage'), ('ADMIN', 'department:manage'), ('ADMIN', 'officer:manage'),
    ('ADMIN', 'registry:read'), ('ADMIN', 'registry:import'), ('ADMIN', 'personal-data:read-full'),
    ('ADMIN', 'audit:read'), ('ADMIN', 'audit:verify'), ('ADMIN', 'calendar:manage'), ('ADMIN', 'notification:send'),
    ('ADMIN', 'file:upload'), ('ADMIN', 'account:manage'), ('ADMIN', 'scope:all-departments'),
    ('REGION_ADMIN', 'region:read'), ('REGION_ADMIN', 'region:manage'), ('REGION_ADMIN', 'department:manage'),
    ('REGION_ADMIN', 'officer:manage'), ('REGION_ADMIN', 'registry:read'), ('REGION_ADMIN', 'registry:import'),
    ('REGION_ADMIN', 'audit:read'), ('REGION_ADMIN', 'calendar:manage'), ('REGION_ADMIN', 'account:manage'),
    ('REGION_ADMIN', 'file:upload'),
    ('AUDITOR', 'audit:read'), ('AUDITOR', 'audit:verify'), ('AUDITOR', 'region:read'),
    ('CLERK', 'region:read'), ('CLERK', 'registry:read'), ('CLERK', 'file:upload'),
    ('REVIEWER', 'region:read'), ('REVIEWER', 'registry:read'), ('REVIEWER', 'file:upload'),
    ('DECIDER', 'region:read'), ('DECIDER', 'registry:read'), ('DECIDER', 'file:upload'),
    ('DEPT_HANDLER', 'region:read'), ('DEPT_HANDLER', 'registry:read'), ('DEPT_HANDLER', 'file:upload'),
    ('SUPERVISOR', 'region:read'), ('SUPERVISOR', 'registry:read'), ('SUPERVISOR', 'file:upload'),
    ('SUPERVISOR', 'scope:all-departments'),
    ('DISPATCHER', 'region:read'), ('DISPATCHER', 'registry:read'), ('DISPATCHER', 'file:upload'),
    ('DISPATCHER', 'scope:all-departments'),
    ('GRID_WORKER', 'region:read'), ('GRID_WORKER', 'file:upload'),
    ('CITIZEN', 'file:upload'),
    ('ENTERPRISE', 'file:upload');

-- Opaque bearer tokens minted by POST /api/v1/auth/login; only their SM3 digest is stored, so any node
-- validates them and a database leak reveals no usable token.
create table identity_access_token (
    token_hash    varchar(64)  not null primary key,     -- hex SM3 of the token
    account_id    varchar(36)  not null references identity_account (id) on delete cascade,
    issued_at     timestamp with time zone not null,
    last_used_at  timestamp with time zone not null,     -- idle timeout
    expires_at    timestamp with time zone not null,     -- absolute lifetime
    revoked_at    timestamp with time zone
);
create index identity_access_token_account_idx on identity_access_token (account_id);

-- Citizens authorised to act for an enterprise (企业授权经办人), with validity.
create table identity_enterprise_agent (
    id                     varchar(36) not null primary key,
    enterprise_account_id  varchar(36) not null references identity_account (id) on delete cascade,
    agent_account_id       varchar(36) not null references identity_account (id) on delete cascade,
    valid_from             date        not null,
    valid_until            date        not null,
    created_at             timestamp with time zone not null,
    revoked_at             timestamp with time zone
);
create index identity_enterprise_agent_enterprise_idx on identity_enterprise_agent (enterprise_account_id);
create index identity_enterprise_agent_agent_idx on identity_enterprise_agent (agent_account_id);

-- The RSA key that signs OIDC ID tokens (RS256: OIDC libraries do not support SM2). The private part is
-- SM4-GCM encrypted; every node and restart uses the same JWK.
create table identity_signing_key (
    kid              varchar(64)   not null primary key,
    algorithm        varchar(16)   not null,
    public_jwk       varchar(4000) not null,
    private_jwk_enc  varchar(8000) not null,
    active           boolean       not null,
    created_at       timestamp with time zone not null
);
