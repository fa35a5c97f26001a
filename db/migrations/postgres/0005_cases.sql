-- Penalty cases 行政处罚案件: violation catalog, case-number counters, cases and what hangs off them.
CREATE TABLE violation_catalog (
    code           varchar(40)    NOT NULL PRIMARY KEY,
    name           varchar(200)    NOT NULL,
    venue_types    varchar(400)    NOT NULL,
    legal_basis    varchar(1000)    NOT NULL,
    penalty_basis  varchar(1000)    NOT NULL,
    penalty_range  varchar(1000)    NOT NULL,
    sort_order     integer NOT NULL
);

-- One row per agency and year; filing increments it inside its transaction, so numbers are never shared or reused.
CREATE TABLE case_number_counters (
    jurisdiction  varchar(12)    NOT NULL,
    year          integer NOT NULL,
    last_seq      bigint NOT NULL,
    PRIMARY KEY (jurisdiction, year)
);

CREATE TABLE cases (
    id                  uuid    NOT NULL PRIMARY KEY,
    jurisdiction        varchar(12)    NOT NULL,
    stage               varchar(20)    NOT NULL,
    case_number         varchar(60)    NULL,
    source              varchar(32)    NOT NULL,
    source_reference    varchar(200)    NULL,
    inspection_id       uuid    NULL,
    venue_id            uuid    NULL REFERENCES venues (id),
    party_kind          varchar(16)    NOT NULL,
    party_name          varchar(200)    NOT NULL,
    party_credit_code   varchar(18)    NULL,
    party_id_number     varchar(32)    NULL,
    party_address       varchar(400)    NULL,
    violation_code      varchar(40)    NOT NULL REFERENCES violation_catalog (code),
    facts               text    NOT NULL,
    occurred_on         date    NULL,
    officer_id          varchar(100)    NOT NULL,
    officer_name        varchar(100)    NOT NULL,
    created_at          timestamptz    NOT NULL,
    filed_at            timestamptz    NULL,
    filed_on            date    NULL,
    decision_limit_days integer NULL,
    not_filed_reason    varchar(1000)    NULL,
    prior_notice_on     date    NULL,
    rights_waived       boolean NOT NULL DEFAULT FALSE,
    hearing_requested_on date   NULL,
    decided_on          date    NULL,
    decided_at          timestamptz    NULL,
    decision_kind       varchar(16)    NULL,
    warning             boolean NOT NULL DEFAULT FALSE,
    fine_fen            bigint NULL,
    confiscated_income_fen bigint NULL,
    confiscated_items   varchar(1000)    NULL,
    suspension_days     integer NULL,
    license_revoked     boolean NOT NULL DEFAULT FALSE,
    transferred_to      varchar(200)    NULL,
    service_limit_days  integer NULL,
    served_on           date    NULL,
    served_at           timestamptz    NULL,
    service_method      varchar(40)    NULL,
    payment_limit_days  integer NULL,
    fine_paid_on        date    NULL,
    fine_paid_fen       bigint NULL,
    items_disposed      varchar(1000)    NULL,
    executed_at         timestamptz    NULL,
    closed_at           timestamptz    NULL,
    archived_at         timestamptz    NULL,
    withdrawn_at        timestamptz    NULL,
    withdrawal_reason   varchar(1000)    NULL,
    updated_at          timestamptz    NOT NULL,
    version             bigint NOT NULL
);
CREATE UNIQUE INDEX ux_cases_case_number ON cases (case_number);
CREATE INDEX ix_cases_jurisdiction_filed ON cases (jurisdiction, filed_at);
CREATE INDEX ix_cases_jurisdiction_created ON cases (jurisdiction, created_at, id);

CREATE TABLE case_stage_history (
    id           uuid    NOT NULL PRIMARY KEY,
    case_id      uuid    NOT NULL REFERENCES cases (id),
    from_stage   varchar(20)    NULL,
    to_stage     varchar(20)    NOT NULL,
    actor_id     varchar(100)    NOT NULL,
    actor_name   varchar(100)    NOT NULL,
    actor_role   varchar(20)    NOT NULL,
    occurred_at  timestamptz    NOT NULL,
    case_version bigint NOT NULL,
    note         varchar(1000)    NULL
);
CREATE INDEX ix_case_stage_history_case ON case_stage_history (case_id, case_version);

CREATE TABLE case_suspensions (
    id          uuid    NOT NULL PRIMARY KEY,
    case_id     uuid    NOT NULL REFERENCES cases (id),
    kind        varchar(20)    NOT NULL,
    start_on    date    NOT NULL,
    end_on      date    NULL,
    reason      varchar(1000)    NOT NULL,
    created_at  timestamptz    NOT NULL,
    created_by  varchar(100)    NOT NULL
);
CREATE INDEX ix_case_suspensions_case ON case_suspensions (case_id);

CREATE TABLE case_extensions (
    id             uuid    NOT NULL PRIMARY KEY,
    case_id        uuid    NOT NULL REFERENCES cases (id),
    days           integer NOT NULL,
    reason         varchar(1000)    NOT NULL,
    approver_id    varchar(100)    NOT NULL,
    approver_name  varchar(100)    NOT NULL,
    approved_at    timestamptz    NOT NULL
);
CREATE INDEX ix_case_extensions_case ON case_extensions (case_id);

CREATE TABLE case_evidence (
    id             uuid    NOT NULL PRIMARY KEY,
    case_id        uuid    NOT NULL REFERENCES cases (id),
    kind           varchar(20)    NOT NULL,
    reference      varchar(400)    NOT NULL,
    description    varchar(1000)    NULL,
    added_at       timestamptz    NOT NULL,
    added_by       varchar(100)    NOT NULL
);
CREATE INDEX ix_case_evidence_case ON case_evidence (case_id);

-- Administrative reconsideration 行政复议 and litigation 行政诉讼 against a decision.
CREATE TABLE case_challenges (
    id           uuid    NOT NULL PRIMARY KEY,
    case_id      uuid    NOT NULL REFERENCES cases (id),
    kind         varchar(20)    NOT NULL,
    authority    varchar(200)    NOT NULL,
    filed_on     date    NOT NULL,
    outcome      varchar(16)    NULL,
    decided_on   date    NULL,
    note         varchar(1000)    NULL,
    created_at   timestamptz    NOT NULL
);
CREATE INDEX ix_case_challenges_case ON case_challenges (case_id);

-- Referral letters 函告 to other departments.
CREATE TABLE case_referrals (
    id           uuid    NOT NULL PRIMARY KEY,
    case_id      uuid    NOT NULL REFERENCES cases (id),
    department   varchar(200)    NOT NULL,
    reason       varchar(1000)    NOT NULL,
    sent_on      date    NOT NULL,
    created_at   timestamptz    NOT NULL,
    created_by   varchar(100)    NOT NULL
);
CREATE INDEX ix_case_referrals_case ON case_referrals (case_id);
