-- The open work read from the stored clocks at province scale (issue 16): the dashboard's due-soon and overdue lists
-- and counts, and my deadlines, read index ranges of deadline_clocks instead of evaluating every open clock.
--
-- responsible_name: the name of who answers for the clock as its row recorded it (a case's officer, an application's
-- first-inquiry clerk, the inspector who issued a notice); null where the row kept only a login (a campaign's notice),
-- which the reader names from users. Rows stored before this migration are named here from their subjects.
ALTER TABLE deadline_clocks ADD responsible_name varchar(100) NULL;

UPDATE deadline_clocks SET responsible_name = (SELECT c.officer_name FROM cases c WHERE c.id = deadline_clocks.subject_id)
WHERE subject_type = 'case';
UPDATE deadline_clocks SET responsible_name = (SELECT p.responsible_name FROM permit_applications p WHERE p.id = deadline_clocks.subject_id)
WHERE subject_type = 'permit';
UPDATE deadline_clocks SET responsible_name = (SELECT i.recorded_by_name FROM inspections i WHERE i.id = deadline_clocks.subject_id)
WHERE subject_type = 'notice';

-- A command stores its subject's clocks again by (clock, subject ids) without knowing the subject type: the unique key
-- leads with the subject, so that delete seeks instead of reading the whole table.
DROP INDEX ux_deadline_clocks_subject;
CREATE UNIQUE INDEX ux_deadline_clocks_subject ON deadline_clocks (subject_id, clock, subject_type);

-- The dashboard's lists, by due date: walked in due order per kind, the jurisdiction range checked in the entry, so a
-- first page stops after it is full (overdue: due_on before today; due soon: due_on from today, due_soon_on reached).
CREATE INDEX ix_deadline_clocks_due ON deadline_clocks (subject_type, due_on, jurisdiction, due_soon_on, clock);
-- The dashboard's counts per district: the scope's clocks from one range, grouped by jurisdiction.
CREATE INDEX ix_deadline_clocks_jurisdiction ON deadline_clocks (jurisdiction, due_on, due_soon_on, subject_type, clock);
-- My deadlines 我的到期事项: a person's clocks in due order.
CREATE INDEX ix_deadline_clocks_responsible ON deadline_clocks (responsible_user_id, due_on, id);

-- An inspection's case (the inspection page, a lead taken up, the leads still waiting for a case): by the inspection.
CREATE INDEX ix_cases_inspection ON cases (inspection_id);
-- The case leads 案件线索 list, newest first: only the inspections that found a lead, walked in date order.
CREATE INDEX ix_inspections_case_leads ON inspections (started_at, id, jurisdiction) WHERE case_lead;
