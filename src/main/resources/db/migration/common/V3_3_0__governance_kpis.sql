-- Governance (一网统管), part 3: 统一考核 KPIs of city events.
-- The 立案 time decides the period of 立案数; it was only in the history until now.
alter table gov_event add column filed_at timestamp with time zone;
update gov_event set filed_at = (select min(h.at) from gov_event_history h where h.event_id = gov_event.id and h.action = 'file');
create index gov_event_filed_idx on gov_event (filed_at);
create index gov_event_dispatched_idx on gov_event (dispatched_at);
-- 返工数 and 延期数 are counted from the history by action and time
create index gov_event_history_action_at_idx on gov_event_history (action, at);

-- 综合指标值: each rate is scored 0–100 against its target and weighted (data, editable by administrators)
create table gov_kpi_indicator (
    code          varchar(32)  not null primary key,   -- filingRate, dispatchRate, closingRate, onTimeRate, reworkRate, extensionRate
    name_zh       varchar(50)  not null,
    name_en       varchar(80)  not null,
    weight        numeric(6,2) not null,               -- relative weight (0 leaves the rate out of the score)
    target        numeric(6,4) not null,               -- higher_better: the rate earning full marks; else the highest rate still earning them
    higher_better boolean      not null,
    sort_order    int          not null
);
insert into gov_kpi_indicator values ('filingRate', '立案率', 'filing rate', 10, 0.9000, true, 1);
insert into gov_kpi_indicator values ('dispatchRate', '派遣率', 'dispatch rate', 10, 0.9500, true, 2);
insert into gov_kpi_indicator values ('closingRate', '结案率', 'closing rate', 25, 0.9000, true, 3);
insert into gov_kpi_indicator values ('onTimeRate', '按期结案率', 'on-time closing rate', 35, 0.7000, true, 4);
insert into gov_kpi_indicator values ('reworkRate', '返工率', 'rework rate', 10, 0.0500, false, 5);
insert into gov_kpi_indicator values ('extensionRate', '延期率', 'extension rate', 10, 0.1000, false, 6);

-- grade bands of the 综合指标值: the highest band whose min_score the score reaches
create table gov_kpi_grade (
    grade      varchar(8)   not null primary key,
    min_score  numeric(6,2) not null,
    label_zh   varchar(20)  not null,
    label_en   varchar(40)  not null,
    colour     varchar(7)   not null
);
insert into gov_kpi_grade values ('A', 90, '优秀', 'excellent', '#2e7d32');
insert into gov_kpi_grade values ('B', 80, '良好', 'good', '#1565c0');
insert into gov_kpi_grade values ('C', 60, '合格', 'pass', '#f9a825');
insert into gov_kpi_grade values ('D', 0, '不合格', 'fail', '#c62828');
