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
