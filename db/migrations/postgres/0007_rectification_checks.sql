-- Follow-up check 整改复查 of a rectification notice: when it was checked, by whom, and whether the venue complied.
ALTER TABLE inspections ADD COLUMN rectification_checked_on date NULL;
ALTER TABLE inspections ADD COLUMN rectification_result varchar(16) NULL;
ALTER TABLE inspections ADD COLUMN rectification_checked_by varchar(100) NULL;
ALTER TABLE inspections ADD COLUMN rectification_check_note varchar(2000) NULL;
