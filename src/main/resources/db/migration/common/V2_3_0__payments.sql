-- Payments (统一公共支付): bills (缴款单) with their fee lines, gateway notifications (回调通知) and gateway keys.

create table pay_bill (
    bill_no          varchar(20)  not null primary key,     -- JK + yyyyMMdd + 6-digit daily sequence
    reference        varchar(100) not null,                 -- what it is for, e.g. an application id
    payer_account_id varchar(64)  not null,
    department_id    varchar(64)  not null,                 -- 执收单位
    region_code      varchar(12)  not null,                 -- the department's region (data scope)
    item_id          varchar(64),                           -- catalog item version of the fees
    amount_fen       bigint       not null,                 -- total in fen (分)
    state            varchar(16)  not null,                 -- UNPAID 待缴, PAID 已缴, CANCELLED 已撤销, REFUNDED 已退
    gateway          varchar(32),
    trade_no         varchar(64),
    created_at       timestamp with time zone not null,
    paid_at          timestamp with time zone,
    closed_at        timestamp with time zone,
    close_reason     varchar(500),
    updated_at       timestamp with time zone not null
);
create index pay_bill_reference on pay_bill (reference);
create index pay_bill_payer on pay_bill (payer_account_id, created_at);

create table pay_bill_line (
    bill_no    varchar(20)  not null references pay_bill (bill_no),
    line_no    int          not null,
    name       varchar(200) not null,                      -- 收费项目名称
    amount_fen bigint       not null,
    basis      varchar(500),                               -- 收费依据
    primary key (bill_no, line_no)
);

create table pay_bill_seq (
    seq_day    varchar(8) not null primary key,
    last_value int        not null
);

-- one row per reference, locked while a bill is opened so that concurrent openings return one bill
create table pay_reference (
    reference varchar(100) not null primary key
);

-- every notification that passed signature verification, by the gateway's notification id (idempotency)
create table pay_notification (
    gateway     varchar(32)  not null,
    notify_id   varchar(64)  not null,
    bill_no     varchar(20)  not null,
    trade_no    varchar(64)  not null,
    amount_fen  bigint       not null,
    outcome     varchar(32)  not null,                     -- SETTLED, DUPLICATE
    received_at timestamp with time zone not null,
    primary key (gateway, notify_id)
);

-- the simulator gateway's SM2 key pair when none is configured (private key SM4-encrypted by the keyring)
create table pay_gateway_key (
    gateway         varchar(32) not null primary key,
    public_key      text        not null,
    private_key_enc text        not null,
    created_at      timestamp with time zone not null
);

insert into identity_role_permission (role_code, permission) values
    ('ADMIN', 'payment:manage'),
    ('CLERK', 'payment:manage'),
    ('DECIDER', 'payment:manage');

insert into notification_template (code, channel, locale, category, subject, body, updated_at, updated_by) values
('bill.opened', 'IN_APP', 'zh-CN', 'payment', '待缴费：${billNo}',
 '您有一笔待缴费用（缴款单号 ${billNo}），金额 ${amount} 元，请在“我的缴费”中完成缴纳。', current_timestamp, 'system'),
('bill.opened', 'IN_APP', 'en', 'payment', 'Payment due: ${billNo}',
 'A bill (no. ${billNo}) of ${amount} yuan awaits payment. Pay it under "My payments".', current_timestamp, 'system'),
('bill.settled', 'IN_APP', 'zh-CN', 'payment', '缴费成功：${billNo}',
 '缴款单 ${billNo} 已缴费成功，金额 ${amount} 元，交易流水号 ${tradeNo}。', current_timestamp, 'system'),
('bill.settled', 'IN_APP', 'en', 'payment', 'Payment received: ${billNo}',
 'Bill ${billNo} has been paid: ${amount} yuan, transaction ${tradeNo}.', current_timestamp, 'system');
