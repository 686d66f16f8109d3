-- bench/events.sh: bulk-loads :events past city events (PostgreSQL) with their history, spread over the last 24 months,
-- the demo city's grids (weighted), the active event classes, the districts' departments and realistic end states.
-- Run with psql -v events=N after the platform has migrated the schema and loaded the demo city.
\set ON_ERROR_STOP on
set synchronous_commit = off;
create temp table b_grid as
  select row_number() over (order by code) - 1 as i, code, community_code from gov_grid where active;
create temp table b_class as
  select row_number() over (order by code) - 1 as i, code from gov_event_class where active;
create temp table b_reporter as
  select row_number() over (order by username) - 1 as i, id from identity_account where username like 'demo-%';

create temp table b_event as
select x.i,
       g.code as grid_code, g.community_code as region_code, c.code as class_code, rp.id as reporter,
       -- intake time: uniform over the last 730 days, at least 3 days ago
       now() - interval '3 days' - (random() * 727) * interval '1 day' as created_at,
       r1, r2, r3, r4
from (select i, random() as r1, random() as r2, random() as r3, random() as r4,
             floor(power(random(), 1.5) * (select count(*) from b_grid))::int as gi,
             floor(random() * (select count(*) from b_class))::int as ci,
             floor(random() * (select count(*) from b_reporter))::int as ri
      from generate_series(1, :events) as i) x
join b_grid g on g.i = x.gi
join b_class c on c.i = x.ci
join b_reporter rp on rp.i = x.ri;

-- end states: 86% 结案, 3% 不予立案, 2% 合并, 1.5% 已立案, 3% 处置中, 1.5% 待核查, 1% 缓办, 2% 待立案
insert into gov_event (id, event_no, source, class_code, description, lon, lat, match_rule, grid_code, region_code, department_id,
                       reporter_account_id, state, dispatched_at, deadline, handled_at, closed_at, rework_count, extension_count,
                       suspended_from, suspended_at, long_term, overdue, filed_at, created_at, updated_at)
select md5('bench' || i)::uuid::text,
       'SJ' || to_char(created_at, 'YYYYMMDD') || lpad(i::text, 7, '0'),
       case when r4 < 0.5 then 'CITIZEN' when r4 < 0.8 then 'PATROL' else 'HOTLINE' end,
       class_code, '压测事件 ' || i, 120.0 + r3 * 0.2, 30.0 + r4 * 0.15, 'GRID', grid_code, region_code,
       case when region_code like '339902001%' and r3 < 0.4 then 'dh-hubin' when region_code like '339902%' then 'dh-urban' else 'xs-urban' end,
       reporter, state,
       case when state in ('DISPATCHED', 'HANDLED', 'CLOSED', 'SUSPENDED') then created_at + interval '3 hours' end,
       case when state in ('DISPATCHED', 'HANDLED', 'CLOSED', 'SUSPENDED') then created_at + interval '27 hours' + (case when r2 < 0.03 then interval '2 days' else interval '0 days' end) end,
       case when state in ('HANDLED', 'CLOSED') then created_at + (case when r2 < 0.8 then interval '20 hours' else interval '40 hours' end) end,
       case when state = 'CLOSED' then created_at + (case when r2 < 0.8 then interval '24 hours' else interval '48 hours' end)
            when state in ('REJECTED', 'MERGED') then created_at + interval '1 hour' end,
       case when state = 'CLOSED' and r1 < 0.05 then 1 else 0 end,
       case when r2 < 0.03 and state in ('DISPATCHED', 'HANDLED', 'CLOSED', 'SUSPENDED') then 1 else 0 end,
       case when state = 'SUSPENDED' then 'DISPATCHED' end,
       case when state = 'SUSPENDED' then created_at + interval '5 hours' end,
       false, false,
       case when state not in ('REPORTED', 'REJECTED', 'MERGED') then created_at + interval '1 hour' end,
       created_at, created_at + interval '1 day'
from (select b.*, case when r1 < 0.86 then 'CLOSED' when r1 < 0.89 then 'REJECTED' when r1 < 0.91 then 'MERGED'
                      when r1 < 0.925 then 'FILED' when r1 < 0.955 then 'DISPATCHED' when r1 < 0.97 then 'HANDLED'
                      when r1 < 0.98 then 'SUSPENDED' else 'REPORTED' end as state
      from b_event b) s;

-- history: report, then each step the state implies
insert into gov_event_history (event_id, actor_id, actor_name, action, from_state, to_state, comment, at)
select e.id, e.reporter_account_id, '压测', h.action, h.from_state, h.to_state, null, h.at
from gov_event e
cross join lateral (values
    ('report', null, 'REPORTED', e.created_at, true),
    ('file', 'REPORTED', 'FILED', e.filed_at, e.filed_at is not null),
    ('reject', 'REPORTED', 'REJECTED', e.closed_at, e.state = 'REJECTED'),
    ('merge', 'REPORTED', 'MERGED', e.closed_at, e.state = 'MERGED'),
    ('dispatch', 'FILED', 'DISPATCHED', e.dispatched_at, e.dispatched_at is not null),
    ('approve-extension', 'DISPATCHED', 'DISPATCHED', e.dispatched_at + interval '2 hours', e.extension_count > 0),
    ('suspend', 'DISPATCHED', 'SUSPENDED', e.suspended_at, e.state = 'SUSPENDED'),
    ('handle', 'DISPATCHED', 'HANDLED', e.handled_at, e.handled_at is not null),
    ('verify-fail', 'HANDLED', 'DISPATCHED', e.handled_at + interval '1 hour', e.rework_count > 0),
    ('verify-pass', 'HANDLED', 'CLOSED', e.closed_at, e.state = 'CLOSED')
) as h(action, from_state, to_state, at, present)
where e.event_no like 'SJ%' and e.description like '压测事件 %' and h.present;
analyze gov_event;
analyze gov_event_history;
select count(*) as events from gov_event;
select count(*) as history from gov_event_history;
