-- The closure rate by venue type, violation and officer and the window's on-time rate by item and clerk, counted from
-- the index entries alone (issue 16): a district's half-year read its cases' rows and every venue for one column.
--
-- cases.venue_type: the type of the case's venue, written when the case is opened and again when the venue's type is
-- changed, so the closure rate by venue type groups by the venue's current type as it did when it joined venues.
ALTER TABLE cases ADD COLUMN venue_type TEXT NULL;
UPDATE cases SET venue_type = (SELECT v.venue_type FROM venues v WHERE v.id = cases.venue_id) WHERE venue_id IS NOT NULL;

DROP INDEX ix_cases_figures;
CREATE INDEX ix_cases_figures ON cases (jurisdiction, filed_on, closed_on, withdrawn_on, decided_on_time, venue_type, violation_code, officer_id, officer_name);
DROP INDEX ix_permit_applications_completed;
CREATE INDEX ix_permit_applications_completed ON permit_applications (jurisdiction, completed_on, completed_on_time, used_days, promised_limit_days, item_code, item_name, responsible_id, responsible_name);
