-- Unlicensed-venue rectification campaigns 无证无照经营整治: the campaign, the venues its survey
-- 摸底排查 found (rows of venues, linked here), their notices, prerequisites 前置条件 and outcomes,
-- mobilisation events 宣传动员 and joint on-site office days 联合现场办公.
CREATE TABLE unlicensed_campaigns (
    id              uuid    NOT NULL PRIMARY KEY,
    jurisdiction    varchar(12)    NOT NULL,
    name            varchar(200)    NOT NULL,
    description     text    NULL,
    starts_on       date    NOT NULL,
    ends_on         date    NOT NULL,
    venue_types     varchar(200)    NOT NULL,
    created_at      timestamptz    NOT NULL,
    created_by      varchar(100)    NOT NULL,
    version         bigint NOT NULL
);
CREATE INDEX ix_unlicensed_campaigns_jurisdiction ON unlicensed_campaigns (jurisdiction, starts_on, id);

CREATE TABLE unlicensed_campaign_venues (
    id                    uuid    NOT NULL PRIMARY KEY,
    campaign_id           uuid    NOT NULL REFERENCES unlicensed_campaigns (id),
    venue_id              uuid    NOT NULL REFERENCES venues (id),
    jurisdiction          varchar(12)    NOT NULL,
    found_on              date    NOT NULL,
    found_by              varchar(100)    NOT NULL,
    survey_note           text    NULL,
    notice_issued_on      date    NULL,
    notice_limit_days     integer NULL,
    notice_due_on         date    NULL,
    notice_requirements   text    NULL,
    outcome               varchar(24)    NULL,
    outcome_on            date    NULL,
    permit_application_id uuid    NULL REFERENCES permit_applications (id),
    certificate_number    varchar(100)    NULL,
    referral_department   varchar(100)    NULL,
    outcome_note          text    NULL,
    outcome_by            varchar(100)    NULL,
    created_at            timestamptz    NOT NULL,
    version               bigint NOT NULL
);
CREATE UNIQUE INDEX ux_unlicensed_campaign_venues_venue ON unlicensed_campaign_venues (campaign_id, venue_id);
CREATE UNIQUE INDEX ux_unlicensed_campaign_venues_permit ON unlicensed_campaign_venues (permit_application_id) WHERE permit_application_id IS NOT NULL;
CREATE INDEX ix_unlicensed_campaign_venues_open_notices ON unlicensed_campaign_venues (outcome, notice_issued_on);

CREATE TABLE unlicensed_prerequisites (
    campaign_venue_id uuid    NOT NULL REFERENCES unlicensed_campaign_venues (id),
    department        varchar(24)    NOT NULL,
    status            varchar(16)    NOT NULL,
    decided_on        date    NULL,
    note              text    NULL,
    PRIMARY KEY (campaign_venue_id, department)
);

CREATE TABLE unlicensed_mobilisations (
    id           uuid    NOT NULL PRIMARY KEY,
    campaign_id  uuid    NOT NULL REFERENCES unlicensed_campaigns (id),
    held_on      date    NOT NULL,
    kind         varchar(16)    NOT NULL,
    attendees    integer NOT NULL,
    note         text    NULL,
    created_at   timestamptz    NOT NULL,
    created_by   varchar(100)    NOT NULL
);
CREATE INDEX ix_unlicensed_mobilisations_campaign ON unlicensed_mobilisations (campaign_id, held_on);

CREATE TABLE unlicensed_office_days (
    id           uuid    NOT NULL PRIMARY KEY,
    campaign_id  uuid    NOT NULL REFERENCES unlicensed_campaigns (id),
    held_on      date    NOT NULL,
    departments  varchar(200)    NOT NULL,
    note         text    NULL,
    created_at   timestamptz    NOT NULL,
    created_by   varchar(100)    NOT NULL
);
CREATE INDEX ix_unlicensed_office_days_campaign ON unlicensed_office_days (campaign_id, held_on);

CREATE TABLE unlicensed_office_day_venues (
    office_day_id     uuid NOT NULL REFERENCES unlicensed_office_days (id),
    campaign_venue_id uuid NOT NULL REFERENCES unlicensed_campaign_venues (id),
    PRIMARY KEY (office_day_id, campaign_venue_id)
);
