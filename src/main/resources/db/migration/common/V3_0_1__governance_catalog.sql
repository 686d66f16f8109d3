-- Governance (一网统管), part 2: the event catalog (事件部件分类, GB/T 30428.2 practice) and the 事权清单
-- (which department handles a class where).

-- 大类: kind COMPONENT (部件) or EVENT (事件) + 2-digit code
create table gov_event_major (
    kind   varchar(10)  not null,
    code   varchar(2)   not null,
    name   varchar(50)  not null,
    primary key (kind, code)
);
insert into gov_event_major (kind, code, name) values
    ('COMPONENT', '01', '公用设施'), ('COMPONENT', '02', '道路交通'), ('COMPONENT', '03', '市容环境'),
    ('COMPONENT', '04', '园林绿化'), ('COMPONENT', '05', '房屋土地'), ('COMPONENT', '06', '其他设施'),
    ('COMPONENT', '07', '扩展部件'),
    ('EVENT', '01', '市容环境'), ('EVENT', '02', '宣传广告'), ('EVENT', '03', '施工管理'),
    ('EVENT', '04', '突发事件'), ('EVENT', '05', '街面秩序'), ('EVENT', '06', '扩展事件');

-- 小类: code = C (部件) or E (事件) + 大类 2 + 小类 2, e.g. C0101 上水井盖, E0101 暴露垃圾
create table gov_event_class (
    code              varchar(5)    not null primary key,
    kind              varchar(10)   not null,
    major_code        varchar(2)    not null,
    minor_code        varchar(2)    not null,
    name              varchar(100)  not null,
    filing_condition  varchar(1000) not null,   -- 立案条件
    deadline_amount   integer       not null,   -- 处置时限
    deadline_unit     varchar(16)   not null,   -- WORKING_HOURS | WORKING_DAYS
    closing_condition varchar(1000) not null,   -- 结案条件
    active            boolean       not null,
    updated_at        timestamp with time zone not null,
    foreign key (kind, major_code) references gov_event_major (kind, code)
);

-- 事权清单: either a specific region (+ department id) or a region level (+ department type, e.g. 城市管理局,
-- resolved to the department of that type serving the ancestor region at that level)
create table gov_responsibility_rule (
    id               varchar(36)  not null primary key,
    class_code       varchar(5)   not null references gov_event_class (code) on delete cascade,
    region_code      varchar(12),
    region_level     varchar(16),
    department_id    varchar(64),
    department_type  varchar(100)
);
create index gov_responsibility_rule_class_idx on gov_responsibility_rule (class_code);
