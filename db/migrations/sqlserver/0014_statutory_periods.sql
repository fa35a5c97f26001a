-- The law's own periods (docs/deadlines.md). The catalog names the article beside each statutory limit and,
-- where a regulation requires one, the hearing an approval needs (娱乐场所管理条例 art. 10), copied into each
-- application at receipt like the limits. An approval's day and the certificate limit (行政许可法 art. 44) start
-- the certificate clock. A case carries when a continuing act ended and whether it harmed life, health or
-- financial safety (行政处罚法 art. 36: 2 or 5 years), and the late-payment surcharge paid (art. 72).
ALTER TABLE permit_items ADD statutory_limit_basis nvarchar(400) NOT NULL DEFAULT N'';
ALTER TABLE permit_items ADD hearing_basis nvarchar(400) NULL;
ALTER TABLE permit_applications ADD decided_on date NULL;
ALTER TABLE permit_applications ADD certificate_limit_days int NULL;
ALTER TABLE permit_applications ADD hearing_basis nvarchar(400) NULL;
ALTER TABLE cases ADD ended_on date NULL;
ALTER TABLE cases ADD serious_harm bit NOT NULL DEFAULT 0;
ALTER TABLE cases ADD surcharge_paid_fen bigint NULL;
