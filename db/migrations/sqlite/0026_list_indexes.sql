-- Lists and searches at province scale (issue 16): first pages read an index range, not the jurisdiction's rows.
--
-- Newest-first registers walk an index in their own order, checking the jurisdiction range in the index entry: a
-- district's first page reads a few hundred entries instead of sorting every row of the district (a jurisdiction
-- range spans a district and its towns, so an index led by jurisdiction cannot give the rows in date order).
CREATE INDEX ix_cases_newest ON cases (created_at, id, jurisdiction);
CREATE INDEX ix_inspections_newest ON inspections (started_at, id, jurisdiction);
CREATE INDEX ix_permit_applications_newest ON permit_applications (received_on, id, jurisdiction);

-- Open rectification notices 整改通知 (not yet checked): the deadline sources and the dashboard read them by
-- jurisdiction from this small index instead of scanning every inspection.
CREATE INDEX ix_inspections_open_notices ON inspections (jurisdiction, venue_id) WHERE rectification_checked_on IS NULL AND rectification_issued_on IS NOT NULL;

-- Nothing filters or orders on filed_at; filings are counted and searched by filed_on.
DROP INDEX ix_cases_jurisdiction_filed;

-- A name-contains search (LIKE '%…%') cannot use a B-tree on any database; PostgreSQL has a trigram index for it where
-- the pg_trgm extension is available. SQLite has no such index: it reads the jurisdiction's venues in name order.
