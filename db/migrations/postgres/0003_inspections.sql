-- Inspections 检查: versioned checklists, inspection records with officers, answers, seizures and
-- evidence, special campaigns 专项行动 and reproducible random draws 双随机.
CREATE TABLE checklist_templates (
    id            uuid          NOT NULL PRIMARY KEY,
    venue_type    varchar(32)   NOT NULL,
    version       integer       NOT NULL,
    title         varchar(200)  NOT NULL,
    created_at    timestamptz   NOT NULL,
    created_by    varchar(100)  NOT NULL
);
CREATE UNIQUE INDEX ux_checklist_templates_type_version ON checklist_templates (venue_type, version);

CREATE TABLE checklist_items (
    id            uuid          NOT NULL PRIMARY KEY,
    template_id   uuid          NOT NULL REFERENCES checklist_templates (id),
    position      integer       NOT NULL,
    code          varchar(32)   NOT NULL,
    text          varchar(400)  NOT NULL,
    legal_basis   varchar(400)  NOT NULL
);
CREATE UNIQUE INDEX ux_checklist_items_template_code ON checklist_items (template_id, code);

CREATE TABLE campaigns (
    id            uuid          NOT NULL PRIMARY KEY,
    jurisdiction  varchar(12)   NOT NULL,
    name          varchar(200)  NOT NULL,
    description   varchar(2000) NULL,
    starts_on     date          NOT NULL,
    ends_on       date          NOT NULL,
    created_at    timestamptz   NOT NULL,
    created_by    varchar(100)  NOT NULL,
    version       bigint        NOT NULL
);
CREATE INDEX ix_campaigns_jurisdiction ON campaigns (jurisdiction varchar_pattern_ops, starts_on, id);

CREATE TABLE random_draws (
    id            uuid          NOT NULL PRIMARY KEY,
    jurisdiction  varchar(12)   NOT NULL,
    name          varchar(200)  NOT NULL,
    campaign_id   uuid          NULL REFERENCES campaigns (id),
    venue_type    varchar(32)   NULL,
    license_status varchar(16)  NULL,
    requested     integer       NOT NULL,
    seed          integer       NOT NULL,
    pool          text          NOT NULL,
    officers      text          NOT NULL,
    drawn_at      timestamptz   NOT NULL,
    drawn_by      varchar(100)  NOT NULL,
    drawn_by_name varchar(100)  NOT NULL,
    published_at  timestamptz   NULL,
    version       bigint        NOT NULL
);
CREATE INDEX ix_random_draws_jurisdiction ON random_draws (jurisdiction varchar_pattern_ops, drawn_at, id);

CREATE TABLE random_draw_assignments (
    draw_id             uuid          NOT NULL REFERENCES random_draws (id),
    position            integer       NOT NULL,
    venue_id            uuid          NOT NULL REFERENCES venues (id),
    first_user_id       varchar(100)  NOT NULL,
    first_name          varchar(100)  NOT NULL,
    first_credential    varchar(32)   NOT NULL,
    second_user_id      varchar(100)  NOT NULL,
    second_name         varchar(100)  NOT NULL,
    second_credential   varchar(32)   NOT NULL,
    PRIMARY KEY (draw_id, position)
);
CREATE UNIQUE INDEX ux_random_draw_assignments_venue ON random_draw_assignments (draw_id, venue_id);

CREATE TABLE inspections (
    id                       uuid           NOT NULL PRIMARY KEY,
    jurisdiction             varchar(12)    NOT NULL,
    venue_id                 uuid           NOT NULL REFERENCES venues (id),
    template_id              uuid           NOT NULL REFERENCES checklist_templates (id),
    kind                     varchar(16)    NOT NULL,
    campaign_id              uuid           NULL REFERENCES campaigns (id),
    draw_id                  uuid           NULL REFERENCES random_draws (id),
    joint_departments        varchar(200)   NULL,
    complaint_reference      varchar(100)   NULL,
    started_at               timestamptz    NOT NULL,
    ended_at                 timestamptz    NOT NULL,
    location                 varchar(400)   NULL,
    latitude                 double precision NULL,
    longitude                double precision NULL,
    notes                    varchar(4000)  NULL,
    outcome                  varchar(32)    NOT NULL,
    violations               integer        NOT NULL,
    rectification_issued_on  date           NULL,
    rectification_limit_days integer        NULL,
    rectification_due_on     date           NULL,
    rectification_requirements varchar(2000) NULL,
    case_lead                integer        NOT NULL,
    case_lead_description    varchar(2000)  NULL,
    referral_department      varchar(100)   NULL,
    referral_note            varchar(2000)  NULL,
    venue_closed             integer        NOT NULL,
    recorded_by              varchar(100)   NOT NULL,
    recorded_by_name         varchar(100)   NOT NULL,
    created_at               timestamptz    NOT NULL,
    version                  bigint         NOT NULL
);
CREATE INDEX ix_inspections_jurisdiction_started ON inspections (jurisdiction varchar_pattern_ops, started_at, id);
CREATE INDEX ix_inspections_venue_started ON inspections (venue_id, started_at, id);
CREATE INDEX ix_inspections_campaign ON inspections (campaign_id);
CREATE INDEX ix_inspections_draw ON inspections (draw_id, venue_id);

CREATE TABLE inspection_officers (
    inspection_id      uuid          NOT NULL REFERENCES inspections (id),
    position           integer       NOT NULL,
    user_id            varchar(100)  NOT NULL,
    name               varchar(100)  NOT NULL,
    credential_number  varchar(32)   NOT NULL,
    PRIMARY KEY (inspection_id, user_id)
);
CREATE INDEX ix_inspection_officers_user ON inspection_officers (user_id, inspection_id);

CREATE TABLE inspection_results (
    inspection_id  uuid          NOT NULL REFERENCES inspections (id),
    item_id        uuid          NOT NULL REFERENCES checklist_items (id),
    result         varchar(16)   NOT NULL,
    note           varchar(2000) NULL,
    PRIMARY KEY (inspection_id, item_id)
);

CREATE TABLE inspection_seizures (
    inspection_id  uuid          NOT NULL REFERENCES inspections (id),
    position       integer       NOT NULL,
    item           varchar(200)  NOT NULL,
    quantity       integer       NOT NULL,
    unit           varchar(20)   NOT NULL,
    PRIMARY KEY (inspection_id, position)
);

CREATE TABLE inspection_evidence (
    id             uuid          NOT NULL PRIMARY KEY,
    inspection_id  uuid          NOT NULL REFERENCES inspections (id),
    item_code      varchar(32)   NULL,
    file_name      varchar(255)  NOT NULL,
    content_type   varchar(100)  NOT NULL,
    size_bytes     bigint        NOT NULL,
    sha256         char(64)      NOT NULL,
    caption        varchar(400)  NULL,
    uploaded_by    varchar(100)  NOT NULL,
    uploaded_at    timestamptz   NOT NULL
);
CREATE INDEX ix_inspection_evidence_inspection ON inspection_evidence (inspection_id, uploaded_at, id);
