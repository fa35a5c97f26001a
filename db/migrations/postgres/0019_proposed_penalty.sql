-- The penalty proposed in the prior notice 行政处罚事先告知书 (行政处罚法 art. 44: the party is told the penalty the
-- authority intends to impose), recorded with the prior-notice step and printed in the notice. Null before that step.
ALTER TABLE cases ADD COLUMN proposed_warning boolean NULL;
ALTER TABLE cases ADD COLUMN proposed_fine_fen bigint NULL;
ALTER TABLE cases ADD COLUMN proposed_confiscated_income_fen bigint NULL;
ALTER TABLE cases ADD COLUMN proposed_confiscated_items varchar(1000) NULL;
ALTER TABLE cases ADD COLUMN proposed_suspension_days integer NULL;
ALTER TABLE cases ADD COLUMN proposed_license_revoked boolean NULL;
