-- Inspections 检查: versioned checklists, inspection records with officers, answers, seizures and
-- evidence, special campaigns 专项行动 and reproducible random draws 双随机.
CREATE TABLE checklist_templates (
    id            TEXT    NOT NULL PRIMARY KEY,
    venue_type    TEXT    NOT NULL,
    version       INTEGER NOT NULL,
    title         TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    created_by    TEXT    NOT NULL
);
CREATE UNIQUE INDEX ux_checklist_templates_type_version ON checklist_templates (venue_type, version);

CREATE TABLE checklist_items (
    id            TEXT    NOT NULL PRIMARY KEY,
    template_id   TEXT    NOT NULL REFERENCES checklist_templates (id),
    position      INTEGER NOT NULL,
    code          TEXT    NOT NULL,
    text          TEXT    NOT NULL,
    legal_basis   TEXT    NOT NULL
);
CREATE UNIQUE INDEX ux_checklist_items_template_code ON checklist_items (template_id, code);

CREATE TABLE campaigns (
    id            TEXT    NOT NULL PRIMARY KEY,
    jurisdiction  TEXT    NOT NULL,
    name          TEXT    NOT NULL,
    description   TEXT    NULL,
    starts_on     TEXT    NOT NULL,
    ends_on       TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    created_by    TEXT    NOT NULL,
    version       INTEGER NOT NULL
);
CREATE INDEX ix_campaigns_jurisdiction ON campaigns (jurisdiction, starts_on, id);

CREATE TABLE random_draws (
    id            TEXT    NOT NULL PRIMARY KEY,
    jurisdiction  TEXT    NOT NULL,
    name          TEXT    NOT NULL,
    campaign_id   TEXT    NULL REFERENCES campaigns (id),
    venue_type    TEXT    NULL,
    license_status TEXT   NULL,
    requested     INTEGER NOT NULL,
    seed          INTEGER NOT NULL,
    pool          TEXT    NOT NULL,
    officers      TEXT    NOT NULL,
    drawn_at      TEXT    NOT NULL,
    drawn_by      TEXT    NOT NULL,
    drawn_by_name TEXT    NOT NULL,
    published_at  TEXT    NULL,
    version       INTEGER NOT NULL
);
CREATE INDEX ix_random_draws_jurisdiction ON random_draws (jurisdiction, drawn_at, id);

CREATE TABLE random_draw_assignments (
    draw_id             TEXT    NOT NULL REFERENCES random_draws (id),
    position            INTEGER NOT NULL,
    venue_id            TEXT    NOT NULL REFERENCES venues (id),
    first_user_id       TEXT    NOT NULL,
    first_name          TEXT    NOT NULL,
    first_credential    TEXT    NOT NULL,
    second_user_id      TEXT    NOT NULL,
    second_name         TEXT    NOT NULL,
    second_credential   TEXT    NOT NULL,
    PRIMARY KEY (draw_id, position)
);
CREATE UNIQUE INDEX ux_random_draw_assignments_venue ON random_draw_assignments (draw_id, venue_id);

CREATE TABLE inspections (
    id                       TEXT    NOT NULL PRIMARY KEY,
    jurisdiction             TEXT    NOT NULL,
    venue_id                 TEXT    NOT NULL REFERENCES venues (id),
    template_id              TEXT    NOT NULL REFERENCES checklist_templates (id),
    kind                     TEXT    NOT NULL,
    campaign_id              TEXT    NULL REFERENCES campaigns (id),
    draw_id                  TEXT    NULL REFERENCES random_draws (id),
    joint_departments        TEXT    NULL,
    complaint_reference      TEXT    NULL,
    started_at               TEXT    NOT NULL,
    ended_at                 TEXT    NOT NULL,
    location                 TEXT    NULL,
    latitude                 REAL    NULL,
    longitude                REAL    NULL,
    notes                    TEXT    NULL,
    outcome                  TEXT    NOT NULL,
    violations               INTEGER NOT NULL,
    rectification_issued_on  TEXT    NULL,
    rectification_limit_days INTEGER NULL,
    rectification_due_on     TEXT    NULL,
    rectification_requirements TEXT  NULL,
    case_lead                INTEGER NOT NULL,
    case_lead_description    TEXT    NULL,
    referral_department      TEXT    NULL,
    referral_note            TEXT    NULL,
    venue_closed             INTEGER NOT NULL,
    recorded_by              TEXT    NOT NULL,
    recorded_by_name         TEXT    NOT NULL,
    created_at               TEXT    NOT NULL,
    version                  INTEGER NOT NULL
);
CREATE INDEX ix_inspections_jurisdiction_started ON inspections (jurisdiction, started_at, id);
CREATE INDEX ix_inspections_venue_started ON inspections (venue_id, started_at, id);
CREATE INDEX ix_inspections_campaign ON inspections (campaign_id);
CREATE INDEX ix_inspections_draw ON inspections (draw_id, venue_id);

CREATE TABLE inspection_officers (
    inspection_id      TEXT    NOT NULL REFERENCES inspections (id),
    position           INTEGER NOT NULL,
    user_id            TEXT    NOT NULL,
    name               TEXT    NOT NULL,
    credential_number  TEXT    NOT NULL,
    PRIMARY KEY (inspection_id, user_id)
);
CREATE INDEX ix_inspection_officers_user ON inspection_officers (user_id, inspection_id);

CREATE TABLE inspection_results (
    inspection_id  TEXT    NOT NULL REFERENCES inspections (id),
    item_id        TEXT    NOT NULL REFERENCES checklist_items (id),
    result         TEXT    NOT NULL,
    note           TEXT    NULL,
    PRIMARY KEY (inspection_id, item_id)
);

CREATE TABLE inspection_seizures (
    inspection_id  TEXT    NOT NULL REFERENCES inspections (id),
    position       INTEGER NOT NULL,
    item           TEXT    NOT NULL,
    quantity       INTEGER NOT NULL,
    unit           TEXT    NOT NULL,
    PRIMARY KEY (inspection_id, position)
);

CREATE TABLE inspection_evidence (
    id             TEXT    NOT NULL PRIMARY KEY,
    inspection_id  TEXT    NOT NULL REFERENCES inspections (id),
    item_code      TEXT    NULL,
    file_name      TEXT    NOT NULL,
    content_type   TEXT    NOT NULL,
    size_bytes     INTEGER NOT NULL,
    sha256         TEXT    NOT NULL,
    caption        TEXT    NULL,
    uploaded_by    TEXT    NOT NULL,
    uploaded_at    TEXT    NOT NULL
);
CREATE INDEX ix_inspection_evidence_inspection ON inspection_evidence (inspection_id, uploaded_at, id);
