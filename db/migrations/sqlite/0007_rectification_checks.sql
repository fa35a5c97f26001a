-- Follow-up check 整改复查 of a rectification notice: when it was checked, by whom, and whether the venue complied.
ALTER TABLE inspections ADD COLUMN rectification_checked_on TEXT NULL;
ALTER TABLE inspections ADD COLUMN rectification_result TEXT NULL;
ALTER TABLE inspections ADD COLUMN rectification_checked_by TEXT NULL;
ALTER TABLE inspections ADD COLUMN rectification_check_note TEXT NULL;
