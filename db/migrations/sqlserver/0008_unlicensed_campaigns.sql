-- Unlicensed-venue rectification campaigns 无证无照经营整治: the campaign, the venues its survey
-- 摸底排查 found (rows of venues, linked here), their notices, prerequisites 前置条件 and outcomes,
-- mobilisation events 宣传动员 and joint on-site office days 联合现场办公.
CREATE TABLE unlicensed_campaigns (
    id              uniqueidentifier    NOT NULL PRIMARY KEY NONCLUSTERED,
    jurisdiction    varchar(12)    NOT NULL,
    name            nvarchar(200)    NOT NULL,
    description     nvarchar(max)    NULL,
    starts_on       date    NOT NULL,
    ends_on         date    NOT NULL,
    venue_types     varchar(200)    NOT NULL,
    created_at      datetimeoffset    NOT NULL,
    created_by      nvarchar(100)    NOT NULL,
    version         bigint NOT NULL
);
GO
CREATE INDEX ix_unlicensed_campaigns_jurisdiction ON unlicensed_campaigns (jurisdiction, starts_on, id);
GO

CREATE TABLE unlicensed_campaign_venues (
    id                    uniqueidentifier    NOT NULL PRIMARY KEY NONCLUSTERED,
    campaign_id           uniqueidentifier    NOT NULL REFERENCES unlicensed_campaigns (id),
    venue_id              uniqueidentifier    NOT NULL REFERENCES venues (id),
    jurisdiction          varchar(12)    NOT NULL,
    found_on              date    NOT NULL,
    found_by              nvarchar(100)    NOT NULL,
    survey_note           nvarchar(max)    NULL,
    notice_issued_on      date    NULL,
    notice_limit_days     int NULL,
    notice_due_on         date    NULL,
    notice_requirements   nvarchar(max)    NULL,
    outcome               varchar(24)    NULL,
    outcome_on            date    NULL,
    permit_application_id uniqueidentifier    NULL REFERENCES permit_applications (id),
    certificate_number    nvarchar(100)    NULL,
    referral_department   nvarchar(100)    NULL,
    outcome_note          nvarchar(max)    NULL,
    outcome_by            nvarchar(100)    NULL,
    created_at            datetimeoffset    NOT NULL,
    version               bigint NOT NULL
);
GO
CREATE UNIQUE INDEX ux_unlicensed_campaign_venues_venue ON unlicensed_campaign_venues (campaign_id, venue_id);
GO
CREATE UNIQUE INDEX ux_unlicensed_campaign_venues_permit ON unlicensed_campaign_venues (permit_application_id) WHERE permit_application_id IS NOT NULL;
GO
CREATE INDEX ix_unlicensed_campaign_venues_open_notices ON unlicensed_campaign_venues (outcome, notice_issued_on);
GO

CREATE TABLE unlicensed_prerequisites (
    campaign_venue_id uniqueidentifier    NOT NULL REFERENCES unlicensed_campaign_venues (id),
    department        varchar(24)    NOT NULL,
    status            varchar(16)    NOT NULL,
    decided_on        date    NULL,
    note              nvarchar(max)    NULL,
    PRIMARY KEY (campaign_venue_id, department)
);
GO

CREATE TABLE unlicensed_mobilisations (
    id           uniqueidentifier    NOT NULL PRIMARY KEY NONCLUSTERED,
    campaign_id  uniqueidentifier    NOT NULL REFERENCES unlicensed_campaigns (id),
    held_on      date    NOT NULL,
    kind         varchar(16)    NOT NULL,
    attendees    int NOT NULL,
    note         nvarchar(max)    NULL,
    created_at   datetimeoffset    NOT NULL,
    created_by   nvarchar(100)    NOT NULL
);
GO
CREATE INDEX ix_unlicensed_mobilisations_campaign ON unlicensed_mobilisations (campaign_id, held_on);
GO

CREATE TABLE unlicensed_office_days (
    id           uniqueidentifier    NOT NULL PRIMARY KEY NONCLUSTERED,
    campaign_id  uniqueidentifier    NOT NULL REFERENCES unlicensed_campaigns (id),
    held_on      date    NOT NULL,
    departments  varchar(200)    NOT NULL,
    note         nvarchar(max)    NULL,
    created_at   datetimeoffset    NOT NULL,
    created_by   nvarchar(100)    NOT NULL
);
GO
CREATE INDEX ix_unlicensed_office_days_campaign ON unlicensed_office_days (campaign_id, held_on);
GO

CREATE TABLE unlicensed_office_day_venues (
    office_day_id     uniqueidentifier NOT NULL REFERENCES unlicensed_office_days (id),
    campaign_venue_id uniqueidentifier NOT NULL REFERENCES unlicensed_campaign_venues (id),
    PRIMARY KEY (office_day_id, campaign_venue_id)
);
GO
