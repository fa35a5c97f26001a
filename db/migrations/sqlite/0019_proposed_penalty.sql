-- The penalty proposed in the prior notice 行政处罚事先告知书 (行政处罚法 art. 44: the party is told the penalty the
-- authority intends to impose), recorded with the prior-notice step and printed in the notice. Null before that step.
ALTER TABLE cases ADD COLUMN proposed_warning INTEGER NULL;
ALTER TABLE cases ADD COLUMN proposed_fine_fen INTEGER NULL;
ALTER TABLE cases ADD COLUMN proposed_confiscated_income_fen INTEGER NULL;
ALTER TABLE cases ADD COLUMN proposed_confiscated_items TEXT NULL;
ALTER TABLE cases ADD COLUMN proposed_suspension_days INTEGER NULL;
ALTER TABLE cases ADD COLUMN proposed_license_revoked INTEGER NULL;
