-- Deadline alerts 预警: raised by the deadline scan, one per subject, kind and due date however many servers scan.
CREATE TABLE alerts (
    id                   TEXT    NOT NULL PRIMARY KEY,
    subject_type         TEXT    NOT NULL,
    subject_id           TEXT    NOT NULL,
    jurisdiction         TEXT    NOT NULL,
    kind                 TEXT    NOT NULL,
    due_date             TEXT    NOT NULL,
    title                TEXT    NOT NULL,
    message              TEXT    NOT NULL,
    responsible_user_id  TEXT    NULL,
    raised_at            TEXT    NOT NULL,
    acknowledged_at      TEXT    NULL,
    acknowledged_by      TEXT    NULL,
    version              INTEGER NOT NULL
);
CREATE UNIQUE INDEX ux_alerts_subject ON alerts (subject_type, subject_id, kind, due_date);
CREATE INDEX ix_alerts_jurisdiction ON alerts (jurisdiction, id);
