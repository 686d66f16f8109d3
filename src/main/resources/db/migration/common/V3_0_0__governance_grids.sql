-- Governance (一网统管), part 1: unit grids (单元网格, GB/T 30428.1), community/street areas (属地 boundaries),
-- grid workers (网格员) and standard addresses (标准地址). Geometries are WGS-84 lon/lat as WKT text
-- (portable: no PostGIS); the application indexes them in memory with JTS.

create table gov_grid (
    code            varchar(15)  not null primary key,   -- community 12-digit code + 3-digit sequence
    name            varchar(100) not null,
    community_code  varchar(12)  not null,
    geometry_wkt    text         not null,               -- POLYGON / MULTIPOLYGON, lon lat
    area_m2         double precision not null,
    active          boolean      not null,
    updated_at      timestamp with time zone not null
);
create index gov_grid_community_idx on gov_grid (community_code);

-- boundaries of communities (or streets) used for 属地兜底 and as the city boundary (their union)
create table gov_region_area (
    region_code     varchar(12)  not null primary key,
    geometry_wkt    text         not null,
    area_m2         double precision not null,
    updated_at      timestamp with time zone not null
);

create table gov_grid_worker (
    grid_code       varchar(15)  not null references gov_grid (code) on delete cascade,
    officer_id      varchar(64)  not null,
    assigned_at     timestamp with time zone not null,
    primary key (grid_code, officer_id)
);
create index gov_grid_worker_officer_idx on gov_grid_worker (officer_id);

-- bumped by every change of grids or areas; each node reloads its in-memory index when it differs
create table gov_grid_version (
    id              integer not null primary key,
    version         bigint  not null
);
insert into gov_grid_version (id, version) values (1, 0);

-- 标准地址: public place addresses (buildings, doors), not personal data
create table gov_address (
    code            varchar(40)  not null primary key,
    address         varchar(300) not null,               -- local part, e.g. 柳岸路 12 号
    full_address    varchar(500) not null,               -- city + district + street + community + local part
    community_code  varchar(12)  not null,
    grid_code       varchar(15),
    lon             double precision not null,
    lat             double precision not null,
    updated_at      timestamp with time zone not null
);
create index gov_address_full_idx on gov_address (full_address);
create index gov_address_local_idx on gov_address (address);
create index gov_address_grid_idx on gov_address (grid_code);
