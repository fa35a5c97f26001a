-- Unlicensed-venue rectification campaigns 无证无照经营整治: the campaign, the venues its survey
-- 摸底排查 found (rows of venues, linked here), their notices, prerequisites 前置条件 and outcomes,
-- mobilisation events 宣传动员 and joint on-site office days 联合现场办公.
CREATE TABLE unlicensed_campaigns (
    id              TEXT    NOT NULL PRIMARY KEY,
    jurisdiction    TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    description     TEXT    NULL,
    starts_on       TEXT    NOT NULL,
    ends_on         TEXT    NOT NULL,
    venue_types     TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    created_by      TEXT    NOT NULL,
    version         INTEGER NOT NULL
);
CREATE INDEX ix_unlicensed_campaigns_jurisdiction ON unlicensed_campaigns (jurisdiction, starts_on, id);

CREATE TABLE unlicensed_campaign_venues (
    id                    TEXT    NOT NULL PRIMARY KEY,
    campaign_id           TEXT    NOT NULL REFERENCES unlicensed_campaigns (id),
    venue_id              TEXT    NOT NULL REFERENCES venues (id),
    jurisdiction          TEXT    NOT NULL,
    found_on              TEXT    NOT NULL,
    found_by              TEXT    NOT NULL,
    survey_note           TEXT    NULL,
    notice_issued_on      TEXT    NULL,
    notice_limit_days     INTEGER NULL,
    notice_due_on         TEXT    NULL,
    notice_requirements   TEXT    NULL,
    outcome               TEXT    NULL,
    outcome_on            TEXT    NULL,
    permit_application_id TEXT    NULL REFERENCES permit_applications (id),
    certificate_number    TEXT    NULL,
    referral_department   TEXT    NULL,
    outcome_note          TEXT    NULL,
    outcome_by            TEXT    NULL,
    created_at            TEXT    NOT NULL,
    version               INTEGER NOT NULL
);
CREATE UNIQUE INDEX ux_unlicensed_campaign_venues_venue ON unlicensed_campaign_venues (campaign_id, venue_id);
CREATE UNIQUE INDEX ux_unlicensed_campaign_venues_permit ON unlicensed_campaign_venues (permit_application_id) WHERE permit_application_id IS NOT NULL;
CREATE INDEX ix_unlicensed_campaign_venues_open_notices ON unlicensed_campaign_venues (outcome, notice_issued_on);

CREATE TABLE unlicensed_prerequisites (
    campaign_venue_id TEXT    NOT NULL REFERENCES unlicensed_campaign_venues (id),
    department        TEXT    NOT NULL,
    status            TEXT    NOT NULL,
    decided_on        TEXT    NULL,
    note              TEXT    NULL,
    PRIMARY KEY (campaign_venue_id, department)
);

CREATE TABLE unlicensed_mobilisations (
    id           TEXT    NOT NULL PRIMARY KEY,
    campaign_id  TEXT    NOT NULL REFERENCES unlicensed_campaigns (id),
    held_on      TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    attendees    INTEGER NOT NULL,
    note         TEXT    NULL,
    created_at   TEXT    NOT NULL,
    created_by   TEXT    NOT NULL
);
CREATE INDEX ix_unlicensed_mobilisations_campaign ON unlicensed_mobilisations (campaign_id, held_on);

CREATE TABLE unlicensed_office_days (
    id           TEXT    NOT NULL PRIMARY KEY,
    campaign_id  TEXT    NOT NULL REFERENCES unlicensed_campaigns (id),
    held_on      TEXT    NOT NULL,
    departments  TEXT    NOT NULL,
    note         TEXT    NULL,
    created_at   TEXT    NOT NULL,
    created_by   TEXT    NOT NULL
);
CREATE INDEX ix_unlicensed_office_days_campaign ON unlicensed_office_days (campaign_id, held_on);

CREATE TABLE unlicensed_office_day_venues (
    office_day_id     TEXT NOT NULL REFERENCES unlicensed_office_days (id),
    campaign_venue_id TEXT NOT NULL REFERENCES unlicensed_campaign_venues (id),
    PRIMARY KEY (office_day_id, campaign_venue_id)
);
