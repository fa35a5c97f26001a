-- Deadline alerts 预警: raised by the deadline scan, one per subject, kind and due date however many servers scan.
CREATE TABLE alerts (
    id                   uniqueidentifier NOT NULL PRIMARY KEY NONCLUSTERED,
    subject_type         varchar(32)      NOT NULL,
    subject_id           uniqueidentifier NOT NULL,
    jurisdiction         varchar(12)      NOT NULL,
    kind                 varchar(16)      NOT NULL,
    due_date             date             NOT NULL,
    title                nvarchar(200)    NOT NULL,
    message              nvarchar(1000)   NOT NULL,
    responsible_user_id  nvarchar(100)    NULL,
    raised_at            datetimeoffset   NOT NULL,
    acknowledged_at      datetimeoffset   NULL,
    acknowledged_by      nvarchar(100)    NULL,
    version              bigint           NOT NULL
);
CREATE UNIQUE INDEX ux_alerts_subject ON alerts (subject_type, subject_id, kind, due_date);
CREATE INDEX ix_alerts_jurisdiction ON alerts (jurisdiction, id);
GO
