-- Evaluation (好差评, GB/T 39734): evaluations per handled case, ratings per indicator, rectification tasks (整改).

create table ev_evaluation (
    id                varchar(36)  not null primary key,
    subject_type      varchar(32)  not null,               -- application, city-event, …
    subject_id        varchar(64)  not null,
    item_code         varchar(64)  not null,               -- 实施编码 (or another code of what was rated)
    department_id     varchar(64)  not null,
    region_code       varchar(12)  not null,
    rater_account_id  varchar(64)  not null,
    state             varchar(16)  not null,               -- OPEN, RATED, RECTIFYING, FOLLOW_UP, CLOSED
    comment           varchar(1000),
    negative          boolean      not null default false, -- 差评
    follow_up         int,                                 -- 追评 level score 1..5
    follow_up_comment varchar(1000),
    enabled_at        timestamp with time zone not null,
    rated_at          timestamp with time zone,
    follow_up_at      timestamp with time zone,
    constraint ev_evaluation_subject unique (subject_type, subject_id)
);
create index ev_evaluation_rater on ev_evaluation (rater_account_id, enabled_at);
create index ev_evaluation_department on ev_evaluation (department_id);

create table ev_rating (
    evaluation_id varchar(36) not null references ev_evaluation (id),
    indicator     varchar(32) not null,                    -- OVERALL, EFFICIENCY, GUIDE_ACCURACY, CONVENIENCE, OPERABILITY
    score         int         not null,                    -- 5 非常满意 … 1 非常不满意
    primary key (evaluation_id, indicator)
);

create table ev_rectification (
    evaluation_id   varchar(36)  not null primary key references ev_evaluation (id),
    department_id   varchar(64)  not null,
    region_code     varchar(12)  not null,
    state           varchar(16)  not null,                 -- OPEN, VISITED, RECTIFIED
    opened_at       timestamp with time zone not null,
    visit_due       timestamp with time zone not null,     -- 回访 deadline (working days)
    rectify_due     timestamp with time zone not null,     -- 整改 deadline (working days)
    visited_at      timestamp with time zone,
    visited_by      varchar(64),
    visit_note      varchar(1000),
    rectified_at    timestamp with time zone,
    rectified_by    varchar(64),
    rectify_note    varchar(2000),
    visit_overdue   boolean      not null default false,
    rectify_overdue boolean      not null default false
);
create index ev_rectification_department on ev_rectification (department_id, state);

insert into identity_role_permission (role_code, permission) values
    ('ADMIN', 'evaluation:rectify'),
    ('CLERK', 'evaluation:rectify'),
    ('REVIEWER', 'evaluation:rectify'),
    ('DECIDER', 'evaluation:rectify'),
    ('DEPT_HANDLER', 'evaluation:rectify'),
    ('SUPERVISOR', 'evaluation:rectify');

insert into notification_template (code, channel, locale, category, subject, body, updated_at, updated_by) values
('evaluation.rectified', 'IN_APP', 'zh-CN', 'evaluation', '您的评价已整改',
 '您对“${itemName}”的差评已由${departmentName}整改：${note}。欢迎再次评价（追评）。', current_timestamp, 'system'),
('evaluation.rectified', 'IN_APP', 'en', 'evaluation', 'Your feedback was acted on',
 'Your negative rating of "${itemName}" was acted on by ${departmentName}: ${note}. You may rate once more.', current_timestamp, 'system');
