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
