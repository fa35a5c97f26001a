-- Each deadline scan's figures 到期扫描记录, written by the scan in its last transaction: the supervisor's
-- dashboard shows the last one, and the health check reports a scan whose last success is too old.
CREATE TABLE deadline_scans (
    id              uniqueidentifier NOT NULL PRIMARY KEY NONCLUSTERED,
    started_at      datetimeoffset   NOT NULL,
    finished_at     datetimeoffset   NOT NULL,
    clocks_scanned  int              NOT NULL,
    due_soon        int              NOT NULL,
    overdue         int              NOT NULL,
    alerts_raised   int              NOT NULL,
    duration_ms     bigint           NOT NULL
);
CREATE INDEX ix_deadline_scans_finished ON deadline_scans (finished_at, id);
GO
