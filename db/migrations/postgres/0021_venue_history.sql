-- The venue dossier 一户一档 reads a venue's permit applications, unlicensed-campaign entries and cases by venue.
CREATE INDEX ix_permit_applications_venue ON permit_applications (venue_id, received_on);
CREATE INDEX ix_unlicensed_campaign_venues_by_venue ON unlicensed_campaign_venues (venue_id, found_on);
CREATE INDEX ix_cases_venue ON cases (venue_id, created_at);
