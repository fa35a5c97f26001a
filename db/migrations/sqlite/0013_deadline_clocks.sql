-- Open deadline clocks as rows 时限台账: one row per running clock of a permit application, a case, a notice…,
-- written by the command that changed the clock, in its transaction (ClockRows), and read by the deadline scan.
-- due_on / due_soon_on / overdue_on are the clock's dates as last computed (null while an open suspension holds
-- it); alert_on is the day the next alert not yet raised falls due, so the scan reads an index range of the
-- clocks that crossed a line since it last ran, and nothing else. span_from..span_to are the days whose working
-- calendar the dates depend on: replacing a calendar year recomputes the clocks whose span touches it.
-- facts holds what the alert's explanation needs (start, limit, suspensions, extensions, wording), as JSON.
-- Rows are rewritten (new id) whenever their subject's clocks are recomputed, so the scan can tell a row it read
-- from one recomputed since.
CREATE TABLE deadline_clocks (
    id                   TEXT          NOT NULL PRIMARY KEY,
    subject_type         TEXT          NOT NULL,
    subject_id           TEXT          NOT NULL,
    clock                TEXT          NOT NULL,
    jurisdiction         TEXT          NOT NULL,
    title                TEXT          NOT NULL,
    responsible_user_id  TEXT          NULL,
    parent_id            TEXT          NULL,
    suspended            INTEGER       NOT NULL,
    due_on               TEXT          NULL,
    due_soon_on          TEXT          NULL,
    overdue_on           TEXT          NULL,
    alert_on             TEXT          NULL,
    span_from            TEXT          NULL,
    span_to              TEXT          NULL,
    due_soon_days        INTEGER       NOT NULL,
    facts                TEXT          NOT NULL,
    computed_at          TEXT          NOT NULL
);
CREATE UNIQUE INDEX ux_deadline_clocks_subject ON deadline_clocks (subject_type, subject_id, clock);
CREATE INDEX ix_deadline_clocks_alert ON deadline_clocks (alert_on, id);
CREATE INDEX ix_deadline_clocks_span ON deadline_clocks (span_to, span_from);
