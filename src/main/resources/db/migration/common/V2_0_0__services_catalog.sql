-- services: the service catalog (事项库). One row per version of an item (事项); an item is identified by its
-- 实施编码 (implementation code) and its versions by number. Structured parts (fees, materials, form schema,
-- keywords, synonyms, zones) are JSON text written and read by the services module only.
create table services_item (
    id                  varchar(36)  not null primary key,
    basic_code          varchar(10)  not null,
    implementation_code varchar(31)  not null,
    version             integer      not null,
    status              varchar(16)  not null,
    name                varchar(200) not null,
    item_type           varchar(32)  not null,
    exercise_level      varchar(16)  not null,
    legal_basis         varchar(4000) not null,
    statutory_days      integer      not null,
    promised_days       integer      not null,
    department_id       varchar(64)  not null,
    handling_type       integer      not null,
    fees_json           text         not null,
    materials_json      text         not null,
    form_schema         text         not null,
    keywords_json       text         not null,
    synonyms_json       text         not null,
    zones_json          text         not null,
    created_at          timestamp with time zone not null,
    updated_at          timestamp with time zone not null,
    published_at        timestamp with time zone,
    retired_at          timestamp with time zone,
    constraint uq_services_item_version unique (implementation_code, version)
);

create index ix_services_item_basic on services_item (basic_code);
create index ix_services_item_status on services_item (status);

-- a counter bumped by every change of the catalog: each node rebuilds its search index when it moves
create table services_catalog_state (
    id      integer not null primary key,
    version bigint  not null
);
insert into services_catalog_state (id, version) values (1, 0);
