-- The law's own periods (docs/deadlines.md). The catalog names the article beside each statutory limit and,
-- where a regulation requires one, the hearing an approval needs (娱乐场所管理条例 art. 10), copied into each
-- application at receipt like the limits. An approval's day and the certificate limit (行政许可法 art. 44) start
-- the certificate clock. A case carries when a continuing act ended and whether it harmed life, health or
-- financial safety (行政处罚法 art. 36: 2 or 5 years), and the late-payment surcharge paid (art. 72).
ALTER TABLE permit_items ADD COLUMN statutory_limit_basis varchar(400) NOT NULL DEFAULT '';
ALTER TABLE permit_items ADD COLUMN hearing_basis varchar(400) NULL;
ALTER TABLE permit_applications ADD COLUMN decided_on date NULL;
ALTER TABLE permit_applications ADD COLUMN certificate_limit_days integer NULL;
ALTER TABLE permit_applications ADD COLUMN hearing_basis varchar(400) NULL;
ALTER TABLE cases ADD COLUMN ended_on date NULL;
ALTER TABLE cases ADD COLUMN serious_harm boolean NOT NULL DEFAULT FALSE;
ALTER TABLE cases ADD COLUMN surcharge_paid_fen bigint NULL;

-- The simplified procedure 简易程序 (行政处罚法 arts. 51-52): a warning, or a fine up to ¥200 for a person or
-- ¥3,000 for an organisation, decided on the spot on a numbered decision form 当场处罚决定书 and filed with the
-- agency. Its own record: no case file, no 90-day clock. The form's number is unique in its jurisdiction.
CREATE TABLE on_the_spot_penalties (
    id                  uuid          NOT NULL PRIMARY KEY,
    jurisdiction        varchar(12)   NOT NULL,
    document_number     varchar(60)   NOT NULL,
    venue_id            uuid          NULL REFERENCES venues (id),
    party_kind          varchar(16)   NOT NULL,
    party_name          varchar(200)  NOT NULL,
    party_credit_code   varchar(18)   NULL,
    party_id_number     varchar(32)   NULL,
    violation_code      varchar(40)   NOT NULL REFERENCES violation_catalog (code),
    facts               text          NOT NULL,
    occurred_on         date          NULL,
    place               varchar(400)  NOT NULL,
    decided_on          date          NOT NULL,
    warning             boolean       NOT NULL,
    fine_fen            bigint        NULL,
    officer_id          varchar(100)  NOT NULL,
    officer_name        varchar(100)  NOT NULL,
    officer_credential  varchar(32)   NULL,
    created_at          timestamptz   NOT NULL
);
CREATE UNIQUE INDEX ux_on_the_spot_penalties_number ON on_the_spot_penalties (jurisdiction, document_number);
CREATE INDEX ix_on_the_spot_penalties_decided ON on_the_spot_penalties (jurisdiction, decided_on);
