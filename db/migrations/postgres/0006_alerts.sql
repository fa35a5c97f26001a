-- Deadline alerts 预警: raised by the deadline scan, one per subject, kind and due date however many servers scan.
CREATE TABLE alerts (
    id                   uuid          NOT NULL PRIMARY KEY,
    subject_type         varchar(32)   NOT NULL,
    subject_id           uuid          NOT NULL,
    jurisdiction         varchar(12)   NOT NULL,
    kind                 varchar(16)   NOT NULL,
    due_date             date          NOT NULL,
    title                varchar(200)  NOT NULL,
    message              varchar(1000) NOT NULL,
    responsible_user_id  varchar(100)  NULL,
    raised_at            timestamptz   NOT NULL,
    acknowledged_at      timestamptz   NULL,
    acknowledged_by      varchar(100)  NULL,
    version              bigint        NOT NULL
);
CREATE UNIQUE INDEX ux_alerts_subject ON alerts (subject_type, subject_id, kind, due_date);
CREATE INDEX ix_alerts_jurisdiction ON alerts (jurisdiction varchar_pattern_ops, id);
