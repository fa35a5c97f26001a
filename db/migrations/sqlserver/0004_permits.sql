-- Permit window 行政许可: the catalog, applications with their steps, suspensions, extensions,
-- hand-offs 去向留言, and accountability records 责任追究.
CREATE TABLE permit_items (
    code                  varchar(40)    NOT NULL PRIMARY KEY,
    name                  nvarchar(200)    NOT NULL,
    statutory_limit_days  int NOT NULL,
    promised_limit_days   int NOT NULL,
    kinds                 varchar(200)    NOT NULL,
    materials             nvarchar(max)    NOT NULL,
    legal_basis           nvarchar(max)    NOT NULL,
    sort_order            int NOT NULL,
    updated_at            datetimeoffset    NOT NULL,
    updated_by            nvarchar(100)    NOT NULL,
    version               bigint NOT NULL
);
GO

-- The item's name, limits and materials are copied in at receipt, so editing the catalog never changes an application.
CREATE TABLE permit_applications (
    id                     uniqueidentifier    NOT NULL PRIMARY KEY NONCLUSTERED,
    jurisdiction           varchar(12)    NOT NULL,
    item_code              varchar(40)    NOT NULL REFERENCES permit_items (code),
    item_name              nvarchar(200)    NOT NULL,
    kind                   varchar(24)    NOT NULL,
    stage                  varchar(24)    NOT NULL,
    applicant_name         nvarchar(200)    NOT NULL,
    applicant_credit_code  varchar(18)    NULL,
    applicant_phone        nvarchar(40)    NULL,
    venue_id               uniqueidentifier    NULL REFERENCES venues (id),
    statutory_limit_days   int NOT NULL,
    promised_limit_days    int NOT NULL,
    correction_window_days int NOT NULL,
    materials              nvarchar(max)    NOT NULL,
    submitted              nvarchar(max)    NOT NULL,
    correction_items       nvarchar(max)    NULL,
    correction_requested_on date   NULL,
    not_accepted_reason    nvarchar(max)    NULL,
    received_at            datetimeoffset    NOT NULL,
    received_on            date    NOT NULL,
    accepted_at            datetimeoffset    NULL,
    accepted_on            date    NULL,
    accepted_deemed        bit NOT NULL DEFAULT 0,
    decided_at             datetimeoffset    NULL,
    refusal_reason         nvarchar(max)    NULL,
    completed_at           datetimeoffset    NULL,
    completed_on           date    NULL,
    certificate_number     nvarchar(100)    NULL,
    responsible_id         nvarchar(100)    NOT NULL,
    responsible_name       nvarchar(100)    NOT NULL,
    holder_id              nvarchar(100)    NOT NULL,
    holder_name            nvarchar(100)    NOT NULL,
    updated_at             datetimeoffset    NOT NULL,
    version                bigint NOT NULL
);
GO
CREATE INDEX ix_permit_applications_stage ON permit_applications (jurisdiction, stage);
GO
CREATE INDEX ix_permit_applications_received ON permit_applications (jurisdiction, received_on);
GO
CREATE INDEX ix_permit_applications_completed ON permit_applications (jurisdiction, completed_on);
GO
CREATE INDEX ix_permit_applications_responsible ON permit_applications (responsible_id, stage);
GO
CREATE INDEX ix_permit_applications_holder ON permit_applications (holder_id, stage);
GO

CREATE TABLE permit_steps (
    id              uniqueidentifier    NOT NULL PRIMARY KEY NONCLUSTERED,
    application_id  uniqueidentifier    NOT NULL REFERENCES permit_applications (id),
    from_stage      varchar(24)    NULL,
    to_stage        varchar(24)    NOT NULL,
    actor_id        nvarchar(100)    NOT NULL,
    actor_name      nvarchar(100)    NOT NULL,
    actor_role      varchar(20)    NOT NULL,
    occurred_at     datetimeoffset    NOT NULL,
    app_version     bigint NOT NULL,
    note            nvarchar(max)    NULL
);
GO
CREATE INDEX ix_permit_steps_application ON permit_steps (application_id, app_version);
GO

CREATE TABLE permit_suspensions (
    id              uniqueidentifier    NOT NULL PRIMARY KEY NONCLUSTERED,
    application_id  uniqueidentifier    NOT NULL REFERENCES permit_applications (id),
    kind            varchar(24)    NOT NULL,
    start_on        date    NOT NULL,
    end_on          date    NULL,
    reason          nvarchar(max)    NOT NULL,
    created_at      datetimeoffset    NOT NULL,
    created_by      nvarchar(100)    NOT NULL
);
GO
CREATE INDEX ix_permit_suspensions_application ON permit_suspensions (application_id);
GO

CREATE TABLE permit_extensions (
    id              uniqueidentifier    NOT NULL PRIMARY KEY NONCLUSTERED,
    application_id  uniqueidentifier    NOT NULL REFERENCES permit_applications (id),
    days            int NOT NULL,
    reason          nvarchar(max)    NOT NULL,
    approver_id     nvarchar(100)    NOT NULL,
    approver_name   nvarchar(100)    NOT NULL,
    approved_at     datetimeoffset    NOT NULL
);
GO
CREATE UNIQUE INDEX ux_permit_extensions_application ON permit_extensions (application_id);
GO

CREATE TABLE permit_handoffs (
    id              uniqueidentifier    NOT NULL PRIMARY KEY NONCLUSTERED,
    application_id  uniqueidentifier    NOT NULL REFERENCES permit_applications (id),
    from_user_id    nvarchar(100)    NOT NULL,
    from_user_name  nvarchar(100)    NOT NULL,
    to_user_id      nvarchar(100)    NOT NULL,
    to_user_name    nvarchar(100)    NOT NULL,
    message         nvarchar(max)    NOT NULL,
    handed_at       datetimeoffset    NOT NULL
);
GO
CREATE INDEX ix_permit_handoffs_application ON permit_handoffs (application_id, handed_at);
GO

-- One record per application, whichever finds it first: the sweep (open past its promised limit) or completion (late).
CREATE TABLE permit_accountability (
    id              uniqueidentifier    NOT NULL PRIMARY KEY NONCLUSTERED,
    application_id  uniqueidentifier    NOT NULL REFERENCES permit_applications (id),
    jurisdiction    varchar(12)    NOT NULL,
    clerk_id        nvarchar(100)    NOT NULL,
    clerk_name      nvarchar(100)    NOT NULL,
    title           nvarchar(400)    NOT NULL,
    reason          nvarchar(max)    NOT NULL,
    due_date        date    NOT NULL,
    overdue_days    int NOT NULL,
    explanation     nvarchar(max)    NOT NULL,
    detected_at     datetimeoffset    NOT NULL,
    completed_at    datetimeoffset    NULL,
    status          varchar(16)    NOT NULL,
    finding         nvarchar(max)    NULL,
    closed_by_id    nvarchar(100)    NULL,
    closed_by_name  nvarchar(100)    NULL,
    closed_at       datetimeoffset    NULL,
    version         bigint NOT NULL
);
GO
CREATE UNIQUE INDEX ux_permit_accountability_application ON permit_accountability (application_id);
GO
CREATE INDEX ix_permit_accountability_jurisdiction ON permit_accountability (jurisdiction, status, detected_at);
GO
