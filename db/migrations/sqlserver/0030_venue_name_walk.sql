-- The venue list at province scale (issue 16): a first page walks the names in order, checking the jurisdiction range in
-- the index entry, and stops when the page is full, instead of reading every venue of a district and its towns and
-- sorting them by name. The index on (name, id) it replaces is a prefix of this one. On SQLite a name-contains search reads
-- the range from ix_venues_jurisdiction_name, testing the fragment in the entry: few matches would make the walk read
-- every venue of the province.
DROP INDEX ix_venues_name ON venues;
CREATE INDEX ix_venues_name ON venues (name, id, jurisdiction);
