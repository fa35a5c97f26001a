-- Inspections 检查: versioned checklists, inspection records with officers, answers, seizures and
-- evidence, special campaigns 专项行动 and reproducible random draws 双随机.
CREATE TABLE checklist_templates (
    id            uniqueidentifier NOT NULL PRIMARY KEY NONCLUSTERED,
    venue_type    varchar(32) NOT NULL,
    version       int NOT NULL,
    title         nvarchar(200) NOT NULL,
    created_at    datetimeoffset NOT NULL,
    created_by    nvarchar(100) NOT NULL
);
CREATE UNIQUE INDEX ux_checklist_templates_type_version ON checklist_templates (venue_type, version);
GO

CREATE TABLE checklist_items (
    id            uniqueidentifier NOT NULL PRIMARY KEY NONCLUSTERED,
    template_id   uniqueidentifier NOT NULL REFERENCES checklist_templates (id),
    position      int NOT NULL,
    code          nvarchar(32) NOT NULL,
    text          nvarchar(400) NOT NULL,
    legal_basis   nvarchar(400) NOT NULL
);
CREATE UNIQUE INDEX ux_checklist_items_template_code ON checklist_items (template_id, code);
GO

CREATE TABLE campaigns (
    id            uniqueidentifier NOT NULL PRIMARY KEY NONCLUSTERED,
    jurisdiction  varchar(12) NOT NULL,
    name          nvarchar(200) NOT NULL,
    description   nvarchar(2000) NULL,
    starts_on     date NOT NULL,
    ends_on       date NOT NULL,
    created_at    datetimeoffset NOT NULL,
    created_by    nvarchar(100) NOT NULL,
    version       bigint NOT NULL
);
CREATE INDEX ix_campaigns_jurisdiction ON campaigns (jurisdiction, starts_on, id);
GO

CREATE TABLE random_draws (
    id            uniqueidentifier NOT NULL PRIMARY KEY NONCLUSTERED,
    jurisdiction  varchar(12) NOT NULL,
    name          nvarchar(200) NOT NULL,
    campaign_id   uniqueidentifier NULL REFERENCES campaigns (id),
    venue_type    varchar(32) NULL,
    license_status varchar(16) NULL,
    requested     int NOT NULL,
    seed          int NOT NULL,
    pool          nvarchar(max) NOT NULL,
    officers      nvarchar(max) NOT NULL,
    drawn_at      datetimeoffset NOT NULL,
    drawn_by      nvarchar(100) NOT NULL,
    drawn_by_name nvarchar(100) NOT NULL,
    published_at  datetimeoffset NULL,
    version       bigint NOT NULL
);
CREATE INDEX ix_random_draws_jurisdiction ON random_draws (jurisdiction, drawn_at, id);
GO

CREATE TABLE random_draw_assignments (
    draw_id             uniqueidentifier NOT NULL REFERENCES random_draws (id),
    position            int NOT NULL,
    venue_id            uniqueidentifier NOT NULL REFERENCES venues (id),
    first_user_id       nvarchar(100) NOT NULL,
    first_name          nvarchar(100) NOT NULL,
    first_credential    nvarchar(32) NOT NULL,
    second_user_id      nvarchar(100) NOT NULL,
    second_name         nvarchar(100) NOT NULL,
    second_credential   nvarchar(32) NOT NULL,
    PRIMARY KEY (draw_id, position)
);
CREATE UNIQUE INDEX ux_random_draw_assignments_venue ON random_draw_assignments (draw_id, venue_id);
GO

CREATE TABLE inspections (
    id                       uniqueidentifier NOT NULL PRIMARY KEY NONCLUSTERED,
    jurisdiction             varchar(12) NOT NULL,
    venue_id                 uniqueidentifier NOT NULL REFERENCES venues (id),
    template_id              uniqueidentifier NOT NULL REFERENCES checklist_templates (id),
    kind                     varchar(16) NOT NULL,
    campaign_id              uniqueidentifier NULL REFERENCES campaigns (id),
    draw_id                  uniqueidentifier NULL REFERENCES random_draws (id),
    joint_departments        nvarchar(200) NULL,
    complaint_reference      nvarchar(100) NULL,
    started_at               datetimeoffset NOT NULL,
    ended_at                 datetimeoffset NOT NULL,
    location                 nvarchar(400) NULL,
    latitude                 float NULL,
    longitude                float NULL,
    notes                    nvarchar(4000) NULL,
    outcome                  varchar(32) NOT NULL,
    violations               int NOT NULL,
    rectification_issued_on  date NULL,
    rectification_limit_days int NULL,
    rectification_due_on     date NULL,
    rectification_requirements nvarchar(2000) NULL,
    case_lead                int NOT NULL,
    case_lead_description    nvarchar(2000) NULL,
    referral_department      nvarchar(100) NULL,
    referral_note            nvarchar(2000) NULL,
    venue_closed             int NOT NULL,
    recorded_by              nvarchar(100) NOT NULL,
    recorded_by_name         nvarchar(100) NOT NULL,
    created_at               datetimeoffset NOT NULL,
    version                  bigint NOT NULL
);
CREATE INDEX ix_inspections_jurisdiction_started ON inspections (jurisdiction, started_at, id);
CREATE INDEX ix_inspections_venue_started ON inspections (venue_id, started_at, id);
CREATE INDEX ix_inspections_campaign ON inspections (campaign_id);
CREATE INDEX ix_inspections_draw ON inspections (draw_id, venue_id);
GO

CREATE TABLE inspection_officers (
    inspection_id      uniqueidentifier NOT NULL REFERENCES inspections (id),
    position           int NOT NULL,
    user_id            nvarchar(100) NOT NULL,
    name               nvarchar(100) NOT NULL,
    credential_number  nvarchar(32) NOT NULL,
    PRIMARY KEY (inspection_id, user_id)
);
CREATE INDEX ix_inspection_officers_user ON inspection_officers (user_id, inspection_id);
GO

CREATE TABLE inspection_results (
    inspection_id  uniqueidentifier NOT NULL REFERENCES inspections (id),
    item_id        uniqueidentifier NOT NULL REFERENCES checklist_items (id),
    result         varchar(16) NOT NULL,
    note           nvarchar(2000) NULL,
    PRIMARY KEY (inspection_id, item_id)
);
GO

CREATE TABLE inspection_seizures (
    inspection_id  uniqueidentifier NOT NULL REFERENCES inspections (id),
    position       int NOT NULL,
    item           nvarchar(200) NOT NULL,
    quantity       int NOT NULL,
    unit           nvarchar(20) NOT NULL,
    PRIMARY KEY (inspection_id, position)
);
GO

CREATE TABLE inspection_evidence (
    id             uniqueidentifier NOT NULL PRIMARY KEY NONCLUSTERED,
    inspection_id  uniqueidentifier NOT NULL REFERENCES inspections (id),
    item_code      nvarchar(32) NULL,
    file_name      nvarchar(255) NOT NULL,
    content_type   varchar(100) NOT NULL,
    size_bytes     bigint NOT NULL,
    sha256         char(64) NOT NULL,
    caption        nvarchar(400) NULL,
    uploaded_by    nvarchar(100) NOT NULL,
    uploaded_at    datetimeoffset NOT NULL
);
CREATE INDEX ix_inspection_evidence_inspection ON inspection_evidence (inspection_id, uploaded_at, id);
GO
