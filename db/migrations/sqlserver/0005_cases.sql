-- Penalty cases 行政处罚案件: violation catalog, case-number counters, cases and what hangs off them.
CREATE TABLE violation_catalog (
    code           varchar(40)    NOT NULL PRIMARY KEY,
    name           nvarchar(200)    NOT NULL,
    venue_types    nvarchar(400)    NOT NULL,
    legal_basis    nvarchar(1000)    NOT NULL,
    penalty_basis  nvarchar(1000)    NOT NULL,
    penalty_range  nvarchar(1000)    NOT NULL,
    sort_order     int NOT NULL
);
GO

-- One row per agency and year; filing increments it inside its transaction, so numbers are never shared or reused.
CREATE TABLE case_number_counters (
    jurisdiction  varchar(12)    NOT NULL,
    year          int NOT NULL,
    last_seq      bigint NOT NULL,
    PRIMARY KEY (jurisdiction, year)
);
GO

CREATE TABLE cases (
    id                  uniqueidentifier    NOT NULL PRIMARY KEY NONCLUSTERED,
    jurisdiction        varchar(12)    NOT NULL,
    stage               varchar(20)    NOT NULL,
    case_number         nvarchar(60)    NULL,
    source              varchar(32)    NOT NULL,
    source_reference    nvarchar(200)    NULL,
    inspection_id       uniqueidentifier    NULL,
    venue_id            uniqueidentifier    NULL REFERENCES venues (id),
    party_kind          varchar(16)    NOT NULL,
    party_name          nvarchar(200)    NOT NULL,
    party_credit_code   varchar(18)    NULL,
    party_id_number     nvarchar(32)    NULL,
    party_address       nvarchar(400)    NULL,
    violation_code      varchar(40)    NOT NULL REFERENCES violation_catalog (code),
    facts               nvarchar(max)    NOT NULL,
    occurred_on         date    NULL,
    officer_id          nvarchar(100)    NOT NULL,
    officer_name        nvarchar(100)    NOT NULL,
    created_at          datetimeoffset    NOT NULL,
    filed_at            datetimeoffset    NULL,
    filed_on            date    NULL,
    decision_limit_days int NULL,
    not_filed_reason    nvarchar(1000)    NULL,
    prior_notice_on     date    NULL,
    rights_waived       bit NOT NULL DEFAULT 0,
    hearing_requested_on date   NULL,
    decided_on          date    NULL,
    decided_at          datetimeoffset    NULL,
    decision_kind       varchar(16)    NULL,
    warning             bit NOT NULL DEFAULT 0,
    fine_fen            bigint NULL,
    confiscated_income_fen bigint NULL,
    confiscated_items   nvarchar(1000)    NULL,
    suspension_days     int NULL,
    license_revoked     bit NOT NULL DEFAULT 0,
    transferred_to      nvarchar(200)    NULL,
    service_limit_days  int NULL,
    served_on           date    NULL,
    served_at           datetimeoffset    NULL,
    service_method      nvarchar(40)    NULL,
    payment_limit_days  int NULL,
    fine_paid_on        date    NULL,
    fine_paid_fen       bigint NULL,
    items_disposed      nvarchar(1000)    NULL,
    executed_at         datetimeoffset    NULL,
    closed_at           datetimeoffset    NULL,
    archived_at         datetimeoffset    NULL,
    withdrawn_at        datetimeoffset    NULL,
    withdrawal_reason   nvarchar(1000)    NULL,
    updated_at          datetimeoffset    NOT NULL,
    version             bigint NOT NULL
);
GO
-- Filtered: leads have no number yet, and SQL Server would otherwise treat their NULLs as duplicates.
CREATE UNIQUE INDEX ux_cases_case_number ON cases (case_number) WHERE case_number IS NOT NULL;
GO
CREATE INDEX ix_cases_jurisdiction_filed ON cases (jurisdiction, filed_at);
GO
CREATE INDEX ix_cases_jurisdiction_created ON cases (jurisdiction, created_at, id);
GO

CREATE TABLE case_stage_history (
    id           uniqueidentifier    NOT NULL PRIMARY KEY NONCLUSTERED,
    case_id      uniqueidentifier    NOT NULL REFERENCES cases (id),
    from_stage   varchar(20)    NULL,
    to_stage     varchar(20)    NOT NULL,
    actor_id     nvarchar(100)    NOT NULL,
    actor_name   nvarchar(100)    NOT NULL,
    actor_role   varchar(20)    NOT NULL,
    occurred_at  datetimeoffset    NOT NULL,
    case_version bigint NOT NULL,
    note         nvarchar(1000)    NULL
);
GO
CREATE INDEX ix_case_stage_history_case ON case_stage_history (case_id, case_version);
GO

CREATE TABLE case_suspensions (
    id          uniqueidentifier    NOT NULL PRIMARY KEY NONCLUSTERED,
    case_id     uniqueidentifier    NOT NULL REFERENCES cases (id),
    kind        varchar(20)    NOT NULL,
    start_on    date    NOT NULL,
    end_on      date    NULL,
    reason      nvarchar(1000)    NOT NULL,
    created_at  datetimeoffset    NOT NULL,
    created_by  nvarchar(100)    NOT NULL
);
GO
CREATE INDEX ix_case_suspensions_case ON case_suspensions (case_id);
GO

CREATE TABLE case_extensions (
    id             uniqueidentifier    NOT NULL PRIMARY KEY NONCLUSTERED,
    case_id        uniqueidentifier    NOT NULL REFERENCES cases (id),
    days           int NOT NULL,
    reason         nvarchar(1000)    NOT NULL,
    approver_id    nvarchar(100)    NOT NULL,
    approver_name  nvarchar(100)    NOT NULL,
    approved_at    datetimeoffset    NOT NULL
);
GO
CREATE INDEX ix_case_extensions_case ON case_extensions (case_id);
GO

CREATE TABLE case_evidence (
    id             uniqueidentifier    NOT NULL PRIMARY KEY NONCLUSTERED,
    case_id        uniqueidentifier    NOT NULL REFERENCES cases (id),
    kind           varchar(20)    NOT NULL,
    reference      nvarchar(400)    NOT NULL,
    description    nvarchar(1000)    NULL,
    added_at       datetimeoffset    NOT NULL,
    added_by       nvarchar(100)    NOT NULL
);
GO
CREATE INDEX ix_case_evidence_case ON case_evidence (case_id);
GO

-- Administrative reconsideration 行政复议 and litigation 行政诉讼 against a decision.
CREATE TABLE case_challenges (
    id           uniqueidentifier    NOT NULL PRIMARY KEY NONCLUSTERED,
    case_id      uniqueidentifier    NOT NULL REFERENCES cases (id),
    kind         varchar(20)    NOT NULL,
    authority    nvarchar(200)    NOT NULL,
    filed_on     date    NOT NULL,
    outcome      varchar(16)    NULL,
    decided_on   date    NULL,
    note         nvarchar(1000)    NULL,
    created_at   datetimeoffset    NOT NULL
);
GO
CREATE INDEX ix_case_challenges_case ON case_challenges (case_id);
GO

-- Referral letters 函告 to other departments.
CREATE TABLE case_referrals (
    id           uniqueidentifier    NOT NULL PRIMARY KEY NONCLUSTERED,
    case_id      uniqueidentifier    NOT NULL REFERENCES cases (id),
    department   nvarchar(200)    NOT NULL,
    reason       nvarchar(1000)    NOT NULL,
    sent_on      date    NOT NULL,
    created_at   datetimeoffset    NOT NULL,
    created_by   nvarchar(100)    NOT NULL
);
GO
CREATE INDEX ix_case_referrals_case ON case_referrals (case_id);
GO
