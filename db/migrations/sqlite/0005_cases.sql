-- Penalty cases 行政处罚案件: violation catalog, case-number counters, cases and what hangs off them.
CREATE TABLE violation_catalog (
    code           TEXT    NOT NULL PRIMARY KEY,
    name           TEXT    NOT NULL,
    venue_types    TEXT    NOT NULL,
    legal_basis    TEXT    NOT NULL,
    penalty_basis  TEXT    NOT NULL,
    penalty_range  TEXT    NOT NULL,
    sort_order     INTEGER NOT NULL
);

-- One row per agency and year; filing increments it inside its transaction, so numbers are never shared or reused.
CREATE TABLE case_number_counters (
    jurisdiction  TEXT    NOT NULL,
    year          INTEGER NOT NULL,
    last_seq      INTEGER NOT NULL,
    PRIMARY KEY (jurisdiction, year)
);

CREATE TABLE cases (
    id                  TEXT    NOT NULL PRIMARY KEY,
    jurisdiction        TEXT    NOT NULL,
    stage               TEXT    NOT NULL,
    case_number         TEXT    NULL,
    source              TEXT    NOT NULL,
    source_reference    TEXT    NULL,
    inspection_id       TEXT    NULL,
    venue_id            TEXT    NULL REFERENCES venues (id),
    party_kind          TEXT    NOT NULL,
    party_name          TEXT    NOT NULL,
    party_credit_code   TEXT    NULL,
    party_id_number     TEXT    NULL,
    party_address       TEXT    NULL,
    violation_code      TEXT    NOT NULL REFERENCES violation_catalog (code),
    facts               TEXT    NOT NULL,
    occurred_on         TEXT    NULL,
    officer_id          TEXT    NOT NULL,
    officer_name        TEXT    NOT NULL,
    created_at          TEXT    NOT NULL,
    filed_at            TEXT    NULL,
    filed_on            TEXT    NULL,
    decision_limit_days INTEGER NULL,
    not_filed_reason    TEXT    NULL,
    prior_notice_on     TEXT    NULL,
    rights_waived       INTEGER NOT NULL DEFAULT 0,
    hearing_requested_on TEXT   NULL,
    decided_on          TEXT    NULL,
    decided_at          TEXT    NULL,
    decision_kind       TEXT    NULL,
    warning             INTEGER NOT NULL DEFAULT 0,
    fine_fen            INTEGER NULL,
    confiscated_income_fen INTEGER NULL,
    confiscated_items   TEXT    NULL,
    suspension_days     INTEGER NULL,
    license_revoked     INTEGER NOT NULL DEFAULT 0,
    transferred_to      TEXT    NULL,
    service_limit_days  INTEGER NULL,
    served_on           TEXT    NULL,
    served_at           TEXT    NULL,
    service_method      TEXT    NULL,
    payment_limit_days  INTEGER NULL,
    fine_paid_on        TEXT    NULL,
    fine_paid_fen       INTEGER NULL,
    items_disposed      TEXT    NULL,
    executed_at         TEXT    NULL,
    closed_at           TEXT    NULL,
    archived_at         TEXT    NULL,
    withdrawn_at        TEXT    NULL,
    withdrawal_reason   TEXT    NULL,
    updated_at          TEXT    NOT NULL,
    version             INTEGER NOT NULL
);
CREATE UNIQUE INDEX ux_cases_case_number ON cases (case_number);
CREATE INDEX ix_cases_jurisdiction_filed ON cases (jurisdiction, filed_at);
CREATE INDEX ix_cases_jurisdiction_created ON cases (jurisdiction, created_at, id);

CREATE TABLE case_stage_history (
    id           TEXT    NOT NULL PRIMARY KEY,
    case_id      TEXT    NOT NULL REFERENCES cases (id),
    from_stage   TEXT    NULL,
    to_stage     TEXT    NOT NULL,
    actor_id     TEXT    NOT NULL,
    actor_name   TEXT    NOT NULL,
    actor_role   TEXT    NOT NULL,
    occurred_at  TEXT    NOT NULL,
    case_version INTEGER NOT NULL,
    note         TEXT    NULL
);
CREATE INDEX ix_case_stage_history_case ON case_stage_history (case_id, case_version);

CREATE TABLE case_suspensions (
    id          TEXT    NOT NULL PRIMARY KEY,
    case_id     TEXT    NOT NULL REFERENCES cases (id),
    kind        TEXT    NOT NULL,
    start_on    TEXT    NOT NULL,
    end_on      TEXT    NULL,
    reason      TEXT    NOT NULL,
    created_at  TEXT    NOT NULL,
    created_by  TEXT    NOT NULL
);
CREATE INDEX ix_case_suspensions_case ON case_suspensions (case_id);

CREATE TABLE case_extensions (
    id             TEXT    NOT NULL PRIMARY KEY,
    case_id        TEXT    NOT NULL REFERENCES cases (id),
    days           INTEGER NOT NULL,
    reason         TEXT    NOT NULL,
    approver_id    TEXT    NOT NULL,
    approver_name  TEXT    NOT NULL,
    approved_at    TEXT    NOT NULL
);
CREATE INDEX ix_case_extensions_case ON case_extensions (case_id);

CREATE TABLE case_evidence (
    id             TEXT    NOT NULL PRIMARY KEY,
    case_id        TEXT    NOT NULL REFERENCES cases (id),
    kind           TEXT    NOT NULL,
    reference      TEXT    NOT NULL,
    description    TEXT    NULL,
    added_at       TEXT    NOT NULL,
    added_by       TEXT    NOT NULL
);
CREATE INDEX ix_case_evidence_case ON case_evidence (case_id);

-- Administrative reconsideration 行政复议 and litigation 行政诉讼 against a decision.
CREATE TABLE case_challenges (
    id           TEXT    NOT NULL PRIMARY KEY,
    case_id      TEXT    NOT NULL REFERENCES cases (id),
    kind         TEXT    NOT NULL,
    authority    TEXT    NOT NULL,
    filed_on     TEXT    NOT NULL,
    outcome      TEXT    NULL,
    decided_on   TEXT    NULL,
    note         TEXT    NULL,
    created_at   TEXT    NOT NULL
);
CREATE INDEX ix_case_challenges_case ON case_challenges (case_id);

-- Referral letters 函告 to other departments.
CREATE TABLE case_referrals (
    id           TEXT    NOT NULL PRIMARY KEY,
    case_id      TEXT    NOT NULL REFERENCES cases (id),
    department   TEXT    NOT NULL,
    reason       TEXT    NOT NULL,
    sent_on      TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    created_by   TEXT    NOT NULL
);
CREATE INDEX ix_case_referrals_case ON case_referrals (case_id);
