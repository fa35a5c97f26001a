-- Each deadline scan's figures 到期扫描记录, written by the scan in its last transaction: the supervisor's
-- dashboard shows the last one, and the health check reports a scan whose last success is too old.
CREATE TABLE deadline_scans (
    id              uuid        NOT NULL PRIMARY KEY,
    started_at      timestamptz NOT NULL,
    finished_at     timestamptz NOT NULL,
    clocks_scanned  integer     NOT NULL,
    due_soon        integer     NOT NULL,
    overdue         integer     NOT NULL,
    alerts_raised   integer     NOT NULL,
    duration_ms     bigint      NOT NULL
);
CREATE INDEX ix_deadline_scans_finished ON deadline_scans (finished_at, id);

-- When the alert was escalated to the leadership (once).
ALTER TABLE alerts ADD COLUMN escalated_at timestamptz NULL;
CREATE INDEX ix_alerts_escalation ON alerts (kind, escalated_at, due_date);

-- Who is told of an alert 预警接收人: written by the deadline scan in the transaction that raised the alert (the
-- responsible person, the permit's current holder, and for an overdue item the jurisdiction's supervisors), and by
-- the escalation once an item is overdue by more than Alerts:EscalateAfterWorkingDays working days (the leadership:
-- supervisors of the jurisdiction above the district). One row per alert and user however many servers scan;
-- read_at is when that user marked it read.
CREATE TABLE alert_recipients (
    alert_id    uuid NOT NULL REFERENCES alerts (id),
    user_id     varchar(100) NOT NULL,
    reason      varchar(16) NOT NULL,
    added_at    timestamptz NOT NULL,
    read_at     timestamptz NULL,
    PRIMARY KEY (alert_id, user_id)
);
CREATE INDEX ix_alert_recipients_user ON alert_recipients (user_id, alert_id);
-- Alerts raised before recipients were stored go to the person responsible, as the home page showed them.
INSERT INTO alert_recipients (alert_id, user_id, reason, added_at, read_at)
SELECT id, responsible_user_id, 'responsible', raised_at, NULL FROM alerts WHERE responsible_user_id IS NOT NULL;

-- Where alerts are sent 通知渠道, per jurisdiction: a WeCom or DingTalk group robot, a signed JSON webhook, or e-mail
-- (target: the webhook address, or the addresses). secret signs DingTalk and webhook messages; it is never read back.
CREATE TABLE notification_channels (
    id            uuid NOT NULL PRIMARY KEY,
    jurisdiction  varchar(12) NOT NULL,
    kind          varchar(16) NOT NULL,
    name          varchar(100) NOT NULL,
    target        varchar(1000) NOT NULL,
    secret        varchar(200) NULL,
    enabled       boolean NOT NULL,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    version       bigint NOT NULL
);
CREATE INDEX ix_notification_channels_jurisdiction ON notification_channels (jurisdiction, id);

-- The outbox 通知发送: one row per message and channel (dedupe_key: the alert, its wave and the channel, or the
-- user's digest of a day and the channel), written in the transaction that made it due. A sender claims pending
-- rows by moving claimed_until past now (one statement, so two servers never claim the same row), sends, and
-- records each attempt; a failed one waits next_attempt_at (exponential backoff) until max attempts.
CREATE TABLE alert_deliveries (
    id               uuid NOT NULL PRIMARY KEY,
    dedupe_key       varchar(200) NOT NULL,
    channel_id       uuid NOT NULL REFERENCES notification_channels (id),
    alert_id         uuid NULL REFERENCES alerts (id),
    user_id          varchar(100) NULL,
    digest_on        date NULL,
    title            varchar(200) NOT NULL,
    body             text NOT NULL,
    status           varchar(16) NOT NULL,
    attempts         integer NOT NULL,
    next_attempt_at  timestamptz NOT NULL,
    claimed_until    timestamptz NULL,
    claim_id         uuid NULL,
    sent_at          timestamptz NULL,
    last_error       varchar(1000) NULL,
    created_at       timestamptz NOT NULL
);
CREATE UNIQUE INDEX ux_alert_deliveries_dedupe ON alert_deliveries (dedupe_key);
CREATE INDEX ix_alert_deliveries_due ON alert_deliveries (status, next_attempt_at, id);

CREATE TABLE delivery_attempts (
    id            uuid NOT NULL PRIMARY KEY,
    delivery_id   uuid NOT NULL REFERENCES alert_deliveries (id),
    channel_id    uuid NOT NULL,
    attempted_at  timestamptz NOT NULL,
    status        varchar(16) NOT NULL,
    error         varchar(1000) NULL,
    duration_ms   bigint NOT NULL
);
CREATE INDEX ix_delivery_attempts_delivery ON delivery_attempts (delivery_id, attempted_at);
