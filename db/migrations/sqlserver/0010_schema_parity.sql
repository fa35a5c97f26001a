-- One schema on three databases (checked by SchemaParityTests).
--
-- Yes/no columns: 0003 made case_lead and venue_closed int, every later yes/no column is bit.
-- Rows already written hold 0 or 1, which bit keeps. Neither column is indexed or has a default
-- constraint, so ALTER COLUMN needs nothing dropped first.
ALTER TABLE inspections ALTER COLUMN case_lead bit NOT NULL;
ALTER TABLE inspections ALTER COLUMN venue_closed bit NOT NULL;
GO
