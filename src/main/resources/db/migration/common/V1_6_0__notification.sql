-- Notification module (消息体系): templates, in-app inbox (站内信), delivery log.

create table notification_template (
    code        varchar(100) not null,
    channel     varchar(16)  not null,   -- IN_APP | EMAIL | SMS
    locale      varchar(10)  not null,   -- zh-CN | en
    category    varchar(32)  not null,   -- account | case | event | alert | general
    subject     varchar(500) not null,
    body        varchar(4000) not null,  -- ${var} placeholders, ${var:default} for a default
    updated_at  timestamp with time zone not null,
    updated_by  varchar(64)  not null,
    primary key (code, channel, locale)
);

create table inbox_message (
    id            varchar(36)  primary key,
    account_id    varchar(64)  not null,
    category      varchar(32)  not null,
    template_code varchar(100),
    title         varchar(500) not null,
    body          varchar(4000) not null,
    link          varchar(1000),
    created_at    timestamp with time zone not null,
    read_at       timestamp with time zone
);
create index inbox_message_account_idx on inbox_message (account_id, created_at);

-- one row per (recipient, channel) attempt; addresses are stored masked only
create table notification_delivery (
    id             varchar(36)  primary key,
    template_code  varchar(100) not null,
    account_id     varchar(64)  not null,
    channel        varchar(16)  not null,
    address_masked varchar(200),
    status         varchar(16)  not null,  -- DELIVERED | SKIPPED | FAILED
    detail         varchar(1000),
    created_at     timestamp with time zone not null
);
create index notification_delivery_account_idx on notification_delivery (account_id, created_at);

-- platform templates; ${cityName} is always available
insert into notification_template (code, channel, locale, category, subject, body, updated_at, updated_by) values
('account.registered', 'IN_APP', 'zh-CN', 'account', '欢迎使用${cityName}一网通办',
 '${name}，您好！您的账号 ${username} 已注册成功，现在可以在线办理政务服务事项。', current_timestamp, 'system'),
('account.registered', 'IN_APP', 'en', 'account', 'Welcome to ${cityName} online government services',
 'Hello ${name}, your account ${username} has been registered. You can now apply for government services online.', current_timestamp, 'system'),
('password.changed', 'IN_APP', 'zh-CN', 'account', '账号密码已修改',
 '您的账号 ${username} 的密码已于 ${time} 修改。如非本人操作，请立即联系 12345 热线。', current_timestamp, 'system'),
('password.changed', 'IN_APP', 'en', 'account', 'Your password was changed',
 'The password of your account ${username} was changed at ${time}. If this was not you, call the 12345 hotline at once.', current_timestamp, 'system'),
('password.changed', 'SMS', 'zh-CN', 'account', '账号密码已修改',
 '您的账号密码已于 ${time} 修改，如非本人操作请立即致电 12345。', current_timestamp, 'system'),
('case.status-changed', 'IN_APP', 'zh-CN', 'case', '办件进度：${caseNo}',
 '您申请的“${serviceName}”（办件编号 ${caseNo}）状态已更新为：${status}。${note:}', current_timestamp, 'system'),
('case.status-changed', 'IN_APP', 'en', 'case', 'Application ${caseNo} updated',
 'Your application "${serviceName}" (no. ${caseNo}) is now: ${status}. ${note:}', current_timestamp, 'system'),
('case.status-changed', 'SMS', 'zh-CN', 'case', '办件进度',
 '您的办件 ${caseNo}（${serviceName}）状态已更新为：${status}，详情请登录一网通办查看。', current_timestamp, 'system'),
('event.status-changed', 'IN_APP', 'zh-CN', 'event', '事件进度：${eventNo}',
 '事件 ${eventNo}（${eventType}）状态已更新为：${status}。${note:}', current_timestamp, 'system'),
('event.status-changed', 'IN_APP', 'en', 'event', 'City event ${eventNo} updated',
 'City event ${eventNo} (${eventType}) is now: ${status}. ${note:}', current_timestamp, 'system'),
('alert.raised', 'IN_APP', 'zh-CN', 'alert', '【${level:一般}预警】${alertTitle}',
 '${alertTitle}：${detail}（发生地点：${location:未知}，时间：${time}）', current_timestamp, 'system'),
('alert.raised', 'IN_APP', 'en', 'alert', '[${level:Normal} alert] ${alertTitle}',
 '${alertTitle}: ${detail} (location: ${location:unknown}, time: ${time})', current_timestamp, 'system'),
('alert.raised', 'SMS', 'zh-CN', 'alert', '预警',
 '【${level:一般}预警】${alertTitle}：${detail}，请及时处置。', current_timestamp, 'system');
