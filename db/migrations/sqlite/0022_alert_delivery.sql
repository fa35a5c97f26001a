-- Each deadline scan's figures 到期扫描记录, written by the scan in its last transaction: the supervisor's
-- dashboard shows the last one, and the health check reports a scan whose last success is too old.
CREATE TABLE deadline_scans (
    id              TEXT    NOT NULL PRIMARY KEY,
    started_at      TEXT    NOT NULL,
    finished_at     TEXT    NOT NULL,
    clocks_scanned  INTEGER NOT NULL,
    due_soon        INTEGER NOT NULL,
    overdue         INTEGER NOT NULL,
    alerts_raised   INTEGER NOT NULL,
    duration_ms     INTEGER NOT NULL
);
CREATE INDEX ix_deadline_scans_finished ON deadline_scans (finished_at, id);
