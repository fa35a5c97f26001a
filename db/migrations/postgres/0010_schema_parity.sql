-- One schema on three databases (checked by SchemaParityTests).
--
-- Yes/no columns: 0003 made case_lead and venue_closed integers, every later yes/no column is
-- boolean. Rows already written hold 0 or 1, which become false or true.
ALTER TABLE inspections
    ALTER COLUMN case_lead TYPE boolean USING case_lead <> 0,
    ALTER COLUMN venue_closed TYPE boolean USING venue_closed <> 0;

-- Jurisdiction indexes: five were built with varchar_pattern_ops (for LIKE 'prefix%' under a
-- non-C collation), the others were not. Jurisdiction scopes are now read as a range of six-digit
-- codes (jurisdiction BETWEEN '510100' AND '510199'), which a plain index seeks under any
-- collation and which pattern-ops indexes cannot serve, so all are plain, as on the other databases.
DROP INDEX ix_venues_jurisdiction_name;
CREATE INDEX ix_venues_jurisdiction_name ON venues (jurisdiction, name, id);
DROP INDEX ix_campaigns_jurisdiction;
CREATE INDEX ix_campaigns_jurisdiction ON campaigns (jurisdiction, starts_on, id);
DROP INDEX ix_random_draws_jurisdiction;
CREATE INDEX ix_random_draws_jurisdiction ON random_draws (jurisdiction, drawn_at, id);
DROP INDEX ix_inspections_jurisdiction_started;
CREATE INDEX ix_inspections_jurisdiction_started ON inspections (jurisdiction, started_at, id);
DROP INDEX ix_alerts_jurisdiction;
CREATE INDEX ix_alerts_jurisdiction ON alerts (jurisdiction, id);
