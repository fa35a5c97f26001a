-- The inspection figures of a period (the work summary, the dashboard), counted from the index entries alone: a
-- district's half-year read ten thousand heap pages of inspections for eight small columns.
CREATE INDEX ix_inspections_figures ON inspections (jurisdiction, started_at, kind, outcome, violations, case_lead, venue_closed, rectification_checked_on);
