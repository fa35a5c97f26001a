-- Follow-up check 整改复查 of a rectification notice: when it was checked, by whom, and whether the venue complied.
ALTER TABLE inspections ADD rectification_checked_on date NULL;
ALTER TABLE inspections ADD rectification_result varchar(16) NULL;
ALTER TABLE inspections ADD rectification_checked_by nvarchar(100) NULL;
ALTER TABLE inspections ADD rectification_check_note nvarchar(2000) NULL;
