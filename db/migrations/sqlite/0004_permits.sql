-- Permit window 行政许可: the catalog, applications with their steps, suspensions, extensions,
-- hand-offs 去向留言, and accountability records 责任追究.
CREATE TABLE permit_items (
    code                  TEXT    NOT NULL PRIMARY KEY,
    name                  TEXT    NOT NULL,
    statutory_limit_days  INTEGER NOT NULL,
    promised_limit_days   INTEGER NOT NULL,
    kinds                 TEXT    NOT NULL,
    materials             TEXT    NOT NULL,
    legal_basis           TEXT    NOT NULL,
    sort_order            INTEGER NOT NULL,
    updated_at            TEXT    NOT NULL,
    updated_by            TEXT    NOT NULL,
    version               INTEGER NOT NULL
);

-- The item's name, limits and materials are copied in at receipt, so editing the catalog never changes an application.
CREATE TABLE permit_applications (
    id                     TEXT    NOT NULL PRIMARY KEY,
    jurisdiction           TEXT    NOT NULL,
    item_code              TEXT    NOT NULL REFERENCES permit_items (code),
    item_name              TEXT    NOT NULL,
    kind                   TEXT    NOT NULL,
    stage                  TEXT    NOT NULL,
    applicant_name         TEXT    NOT NULL,
    applicant_credit_code  TEXT    NULL,
    applicant_phone        TEXT    NULL,
    venue_id               TEXT    NULL REFERENCES venues (id),
    statutory_limit_days   INTEGER NOT NULL,
    promised_limit_days    INTEGER NOT NULL,
    correction_window_days INTEGER NOT NULL,
    materials              TEXT    NOT NULL,
    submitted              TEXT    NOT NULL,
    correction_items       TEXT    NULL,
    correction_requested_on TEXT   NULL,
    not_accepted_reason    TEXT    NULL,
    received_at            TEXT    NOT NULL,
    received_on            TEXT    NOT NULL,
    accepted_at            TEXT    NULL,
    accepted_on            TEXT    NULL,
    accepted_deemed        INTEGER NOT NULL DEFAULT 0,
    decided_at             TEXT    NULL,
    refusal_reason         TEXT    NULL,
    completed_at           TEXT    NULL,
    completed_on           TEXT    NULL,
    certificate_number     TEXT    NULL,
    responsible_id         TEXT    NOT NULL,
    responsible_name       TEXT    NOT NULL,
    holder_id              TEXT    NOT NULL,
    holder_name            TEXT    NOT NULL,
    updated_at             TEXT    NOT NULL,
    version                INTEGER NOT NULL
);
CREATE INDEX ix_permit_applications_stage ON permit_applications (jurisdiction, stage);
CREATE INDEX ix_permit_applications_received ON permit_applications (jurisdiction, received_on);
CREATE INDEX ix_permit_applications_completed ON permit_applications (jurisdiction, completed_on);
CREATE INDEX ix_permit_applications_responsible ON permit_applications (responsible_id, stage);
CREATE INDEX ix_permit_applications_holder ON permit_applications (holder_id, stage);

CREATE TABLE permit_steps (
    id              TEXT    NOT NULL PRIMARY KEY,
    application_id  TEXT    NOT NULL REFERENCES permit_applications (id),
    from_stage      TEXT    NULL,
    to_stage        TEXT    NOT NULL,
    actor_id        TEXT    NOT NULL,
    actor_name      TEXT    NOT NULL,
    actor_role      TEXT    NOT NULL,
    occurred_at     TEXT    NOT NULL,
    app_version     INTEGER NOT NULL,
    note            TEXT    NULL
);
CREATE INDEX ix_permit_steps_application ON permit_steps (application_id, app_version);

CREATE TABLE permit_suspensions (
    id              TEXT    NOT NULL PRIMARY KEY,
    application_id  TEXT    NOT NULL REFERENCES permit_applications (id),
    kind            TEXT    NOT NULL,
    start_on        TEXT    NOT NULL,
    end_on          TEXT    NULL,
    reason          TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    created_by      TEXT    NOT NULL
);
CREATE INDEX ix_permit_suspensions_application ON permit_suspensions (application_id);

CREATE TABLE permit_extensions (
    id              TEXT    NOT NULL PRIMARY KEY,
    application_id  TEXT    NOT NULL REFERENCES permit_applications (id),
    days            INTEGER NOT NULL,
    reason          TEXT    NOT NULL,
    approver_id     TEXT    NOT NULL,
    approver_name   TEXT    NOT NULL,
    approved_at     TEXT    NOT NULL
);
CREATE UNIQUE INDEX ux_permit_extensions_application ON permit_extensions (application_id);

CREATE TABLE permit_handoffs (
    id              TEXT    NOT NULL PRIMARY KEY,
    application_id  TEXT    NOT NULL REFERENCES permit_applications (id),
    from_user_id    TEXT    NOT NULL,
    from_user_name  TEXT    NOT NULL,
    to_user_id      TEXT    NOT NULL,
    to_user_name    TEXT    NOT NULL,
    message         TEXT    NOT NULL,
    handed_at       TEXT    NOT NULL
);
CREATE INDEX ix_permit_handoffs_application ON permit_handoffs (application_id, handed_at);

-- One record per application, whichever finds it first: the sweep (open past its promised limit) or completion (late).
CREATE TABLE permit_accountability (
    id              TEXT    NOT NULL PRIMARY KEY,
    application_id  TEXT    NOT NULL REFERENCES permit_applications (id),
    jurisdiction    TEXT    NOT NULL,
    clerk_id        TEXT    NOT NULL,
    clerk_name      TEXT    NOT NULL,
    title           TEXT    NOT NULL,
    reason          TEXT    NOT NULL,
    due_date        TEXT    NOT NULL,
    overdue_days    INTEGER NOT NULL,
    explanation     TEXT    NOT NULL,
    detected_at     TEXT    NOT NULL,
    completed_at    TEXT    NULL,
    status          TEXT    NOT NULL,
    finding         TEXT    NULL,
    closed_by_id    TEXT    NULL,
    closed_by_name  TEXT    NULL,
    closed_at       TEXT    NULL,
    version         INTEGER NOT NULL
);
CREATE UNIQUE INDEX ux_permit_accountability_application ON permit_accountability (application_id);
CREATE INDEX ix_permit_accountability_jurisdiction ON permit_accountability (jurisdiction, status, detected_at);
