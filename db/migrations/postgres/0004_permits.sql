-- Permit window 行政许可: the catalog, applications with their steps, suspensions, extensions,
-- hand-offs 去向留言, and accountability records 责任追究.
CREATE TABLE permit_items (
    code                  varchar(40)    NOT NULL PRIMARY KEY,
    name                  varchar(200)    NOT NULL,
    statutory_limit_days  integer NOT NULL,
    promised_limit_days   integer NOT NULL,
    kinds                 varchar(200)    NOT NULL,
    materials             text    NOT NULL,
    legal_basis           text    NOT NULL,
    sort_order            integer NOT NULL,
    updated_at            timestamptz    NOT NULL,
    updated_by            varchar(100)    NOT NULL,
    version               bigint NOT NULL
);

-- The item's name, limits and materials are copied in at receipt, so editing the catalog never changes an application.
CREATE TABLE permit_applications (
    id                     uuid    NOT NULL PRIMARY KEY,
    jurisdiction           varchar(12)    NOT NULL,
    item_code              varchar(40)    NOT NULL REFERENCES permit_items (code),
    item_name              varchar(200)    NOT NULL,
    kind                   varchar(24)    NOT NULL,
    stage                  varchar(24)    NOT NULL,
    applicant_name         varchar(200)    NOT NULL,
    applicant_credit_code  varchar(18)    NULL,
    applicant_phone        varchar(40)    NULL,
    venue_id               uuid    NULL REFERENCES venues (id),
    statutory_limit_days   integer NOT NULL,
    promised_limit_days    integer NOT NULL,
    correction_window_days integer NOT NULL,
    materials              text    NOT NULL,
    submitted              text    NOT NULL,
    correction_items       text    NULL,
    correction_requested_on date   NULL,
    not_accepted_reason    text    NULL,
    received_at            timestamptz    NOT NULL,
    received_on            date    NOT NULL,
    accepted_at            timestamptz    NULL,
    accepted_on            date    NULL,
    accepted_deemed        boolean NOT NULL DEFAULT FALSE,
    decided_at             timestamptz    NULL,
    refusal_reason         text    NULL,
    completed_at           timestamptz    NULL,
    completed_on           date    NULL,
    certificate_number     varchar(100)    NULL,
    responsible_id         varchar(100)    NOT NULL,
    responsible_name       varchar(100)    NOT NULL,
    holder_id              varchar(100)    NOT NULL,
    holder_name            varchar(100)    NOT NULL,
    updated_at             timestamptz    NOT NULL,
    version                bigint NOT NULL
);
CREATE INDEX ix_permit_applications_stage ON permit_applications (jurisdiction, stage);
CREATE INDEX ix_permit_applications_received ON permit_applications (jurisdiction, received_on);
CREATE INDEX ix_permit_applications_completed ON permit_applications (jurisdiction, completed_on);
CREATE INDEX ix_permit_applications_responsible ON permit_applications (responsible_id, stage);
CREATE INDEX ix_permit_applications_holder ON permit_applications (holder_id, stage);

CREATE TABLE permit_steps (
    id              uuid    NOT NULL PRIMARY KEY,
    application_id  uuid    NOT NULL REFERENCES permit_applications (id),
    from_stage      varchar(24)    NULL,
    to_stage        varchar(24)    NOT NULL,
    actor_id        varchar(100)    NOT NULL,
    actor_name      varchar(100)    NOT NULL,
    actor_role      varchar(20)    NOT NULL,
    occurred_at     timestamptz    NOT NULL,
    app_version     bigint NOT NULL,
    note            text    NULL
);
CREATE INDEX ix_permit_steps_application ON permit_steps (application_id, app_version);

CREATE TABLE permit_suspensions (
    id              uuid    NOT NULL PRIMARY KEY,
    application_id  uuid    NOT NULL REFERENCES permit_applications (id),
    kind            varchar(24)    NOT NULL,
    start_on        date    NOT NULL,
    end_on          date    NULL,
    reason          text    NOT NULL,
    created_at      timestamptz    NOT NULL,
    created_by      varchar(100)    NOT NULL
);
CREATE INDEX ix_permit_suspensions_application ON permit_suspensions (application_id);

CREATE TABLE permit_extensions (
    id              uuid    NOT NULL PRIMARY KEY,
    application_id  uuid    NOT NULL REFERENCES permit_applications (id),
    days            integer NOT NULL,
    reason          text    NOT NULL,
    approver_id     varchar(100)    NOT NULL,
    approver_name   varchar(100)    NOT NULL,
    approved_at     timestamptz    NOT NULL
);
CREATE UNIQUE INDEX ux_permit_extensions_application ON permit_extensions (application_id);

CREATE TABLE permit_handoffs (
    id              uuid    NOT NULL PRIMARY KEY,
    application_id  uuid    NOT NULL REFERENCES permit_applications (id),
    from_user_id    varchar(100)    NOT NULL,
    from_user_name  varchar(100)    NOT NULL,
    to_user_id      varchar(100)    NOT NULL,
    to_user_name    varchar(100)    NOT NULL,
    message         text    NOT NULL,
    handed_at       timestamptz    NOT NULL
);
CREATE INDEX ix_permit_handoffs_application ON permit_handoffs (application_id, handed_at);

-- One record per application, whichever finds it first: the sweep (open past its promised limit) or completion (late).
CREATE TABLE permit_accountability (
    id              uuid    NOT NULL PRIMARY KEY,
    application_id  uuid    NOT NULL REFERENCES permit_applications (id),
    jurisdiction    varchar(12)    NOT NULL,
    clerk_id        varchar(100)    NOT NULL,
    clerk_name      varchar(100)    NOT NULL,
    title           varchar(400)    NOT NULL,
    reason          text    NOT NULL,
    due_date        date    NOT NULL,
    overdue_days    integer NOT NULL,
    explanation     text    NOT NULL,
    detected_at     timestamptz    NOT NULL,
    completed_at    timestamptz    NULL,
    status          varchar(16)    NOT NULL,
    finding         text    NULL,
    closed_by_id    varchar(100)    NULL,
    closed_by_name  varchar(100)    NULL,
    closed_at       timestamptz    NULL,
    version         bigint NOT NULL
);
CREATE UNIQUE INDEX ux_permit_accountability_application ON permit_accountability (application_id);
CREATE INDEX ix_permit_accountability_jurisdiction ON permit_accountability (jurisdiction, status, detected_at);
