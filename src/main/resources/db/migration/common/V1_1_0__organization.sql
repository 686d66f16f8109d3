-- Organization (组织体系): regions, departments (委办局), officers (工作人员) and their assignments.

create table org_region (
    code         varchar(12)  not null primary key,  -- 12-digit 统计用区划代码
    name         varchar(100) not null,
    level        varchar(16)  not null,               -- CITY | DISTRICT | STREET | COMMUNITY
    parent_code  varchar(12)  references org_region (code),
    created_at   timestamp with time zone not null,
    updated_at   timestamp with time zone not null
);
create index org_region_parent_idx on org_region (parent_code);

create table org_department (
    id           varchar(64)  not null primary key,
    name         varchar(200) not null,
    credit_code  varchar(18)  not null,               -- 统一社会信用代码 (GB 32100)
    region_code  varchar(12)  not null references org_region (code),
    level        varchar(16)  not null,
    parent_id    varchar(64)  references org_department (id),
    created_at   timestamp with time zone not null,
    updated_at   timestamp with time zone not null,
    constraint org_department_credit_code_uk unique (credit_code)
);
create index org_department_region_idx on org_department (region_code);

create table org_officer (
    id              varchar(64)  not null primary key,
    name            varchar(100) not null,
    employee_no     varchar(64)  not null,
    reporting_to_id varchar(64)  references org_officer (id),
    active          boolean      not null,
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null,
    constraint org_officer_employee_no_uk unique (employee_no)
);
create index org_officer_reporting_idx on org_officer (reporting_to_id);

-- one row per officer, department, region and role
create table org_assignment (
    officer_id     varchar(64) not null references org_officer (id) on delete cascade,
    department_id  varchar(64) not null references org_department (id),
    region_code    varchar(12) not null references org_region (code),
    role_code      varchar(32) not null,
    primary key (officer_id, department_id, region_code, role_code)
);
create index org_assignment_department_idx on org_assignment (department_id);
