-- The law's own periods (docs/deadlines.md). The catalog names the article beside each statutory limit and,
-- where a regulation requires one, the hearing an approval needs (娱乐场所管理条例 art. 10), copied into each
-- application at receipt like the limits. An approval's day and the certificate limit (行政许可法 art. 44) start
-- the certificate clock. A case carries when a continuing act ended and whether it harmed life, health or
-- financial safety (行政处罚法 art. 36: 2 or 5 years), and the late-payment surcharge paid (art. 72).
ALTER TABLE permit_items ADD COLUMN statutory_limit_basis TEXT NOT NULL DEFAULT '';
ALTER TABLE permit_items ADD COLUMN hearing_basis TEXT NULL;
ALTER TABLE permit_applications ADD COLUMN decided_on TEXT NULL;
ALTER TABLE permit_applications ADD COLUMN certificate_limit_days INTEGER NULL;
ALTER TABLE permit_applications ADD COLUMN hearing_basis TEXT NULL;
ALTER TABLE cases ADD COLUMN ended_on TEXT NULL;
ALTER TABLE cases ADD COLUMN serious_harm INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN surcharge_paid_fen INTEGER NULL;

-- The simplified procedure 简易程序 (行政处罚法 arts. 51-52): a warning, or a fine up to ¥200 for a person or
-- ¥3,000 for an organisation, decided on the spot on a numbered decision form 当场处罚决定书 and filed with the
-- agency. Its own record: no case file, no 90-day clock. The form's number is unique in its jurisdiction.
CREATE TABLE on_the_spot_penalties (
    id                  TEXT    NOT NULL PRIMARY KEY,
    jurisdiction        TEXT    NOT NULL,
    document_number     TEXT    NOT NULL,
    venue_id            TEXT    NULL REFERENCES venues (id),
    party_kind          TEXT    NOT NULL,
    party_name          TEXT    NOT NULL,
    party_credit_code   TEXT    NULL,
    party_id_number     TEXT    NULL,
    violation_code      TEXT    NOT NULL REFERENCES violation_catalog (code),
    facts               TEXT    NOT NULL,
    occurred_on         TEXT    NULL,
    place               TEXT    NOT NULL,
    decided_on          TEXT    NOT NULL,
    warning             INTEGER NOT NULL,
    fine_fen            INTEGER NULL,
    officer_id          TEXT    NOT NULL,
    officer_name        TEXT    NOT NULL,
    officer_credential  TEXT    NULL,
    created_at          TEXT    NOT NULL
);
CREATE UNIQUE INDEX ux_on_the_spot_penalties_number ON on_the_spot_penalties (jurisdiction, document_number);
CREATE INDEX ix_on_the_spot_penalties_decided ON on_the_spot_penalties (jurisdiction, decided_on);
