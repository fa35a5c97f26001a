-- One schema on three databases (checked by SchemaParityTests).
--
-- Nothing to change here. SQLite has no boolean type: every yes/no column, case_lead and
-- venue_closed included, is INTEGER holding 0 or 1, so the type fix PostgreSQL and SQL Server get
-- in 0010 needs no table rebuild on SQLite. Its jurisdiction indexes were always plain, and the
-- range predicate now used for jurisdiction scopes seeks them (LIKE 'prefix%' did not: SQLite's
-- LIKE is case-insensitive, so it only seeks NOCASE indexes). The file exists because every
-- provider has the same migrations.
SELECT 1;
