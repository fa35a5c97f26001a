-- The venue list at province scale (issue 16): a first page walks the names in order, checking the jurisdiction range
-- (and a name fragment) in the index entry, and stops when the page is full, instead of reading every venue of a
-- district and its towns and sorting them by name. The index on (name, id) it replaces is a prefix of this one.
DROP INDEX ix_venues_name ON venues;
CREATE INDEX ix_venues_name ON venues (name, id, jurisdiction);
