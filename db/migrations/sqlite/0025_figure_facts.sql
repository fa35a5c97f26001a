-- Supervisors' figures as GROUP BY queries: what they count is stored at the moment it happens, by the command
-- that makes it happen, in its transaction.
--   cases.closed_on / withdrawn_on: the local (Asia/Shanghai) date of closed_at / withdrawn_at, written by the
--     closing / withdrawing step (TransitionCase).
--   cases.decided_on_time: whether the decision (penalty, no penalty, transfer) came within the decision limit,
--     suspensions and extensions counted; written by the deciding step, and again when a suspension the decision
--     was taken under is ended afterwards (EndCaseSuspension). Null while undecided.
--   permit_applications.completed_on_time / used_days: whether the application was completed within its promised
--     limit, and the working days used (the limit less the days left at completion, suspensions not counted);
--     written by the completing step (TransitionPermit). Null while not completed.
--   office_letters.replied_on_time: whether the reply came by its due date; written by ReplyToLetter.
-- Rows written before this migration are filled once by FigureFacts at the first start (the dates and limits need
-- the working calendar and the configured time zone): every row whose fact is still null.
ALTER TABLE cases ADD COLUMN closed_on TEXT NULL;
ALTER TABLE cases ADD COLUMN withdrawn_on TEXT NULL;
ALTER TABLE cases ADD COLUMN decided_on_time INTEGER NULL;
ALTER TABLE permit_applications ADD COLUMN completed_on_time INTEGER NULL;
ALTER TABLE permit_applications ADD COLUMN used_days INTEGER NULL;
ALTER TABLE office_letters ADD COLUMN replied_on_time INTEGER NULL;

-- The closure rate reads a jurisdiction's cases filed up to the period's end from one index: filed in the period,
-- or filed before it and still open when it began (closed_on, withdrawn_on). ix_cases_jurisdiction_filed is on
-- filed_at, which no figure filters; it is left to the lists.
CREATE INDEX ix_cases_figures ON cases (jurisdiction, filed_on, closed_on, withdrawn_on, decided_on_time);
-- The window's intake by kind (received, not accepted, deemed accepted at the desk) and acceptances by their day,
-- and the on-time figures of the completed; the received and completed indexes are prefixes of these.
DROP INDEX ix_permit_applications_received;
CREATE INDEX ix_permit_applications_intake ON permit_applications (jurisdiction, received_on, kind, stage, correction_window_days);
CREATE INDEX ix_permit_applications_accepted ON permit_applications (jurisdiction, accepted_on, kind);
DROP INDEX ix_permit_applications_completed;
CREATE INDEX ix_permit_applications_completed ON permit_applications (jurisdiction, completed_on, completed_on_time, used_days, promised_limit_days);
-- Venues by type and licence status (the work summary), and the challenges and referral letters of a period.
CREATE INDEX ix_venues_figures ON venues (jurisdiction, venue_type, license_status, created_at);
CREATE INDEX ix_case_challenges_filed ON case_challenges (filed_on, case_id);
CREATE INDEX ix_case_referrals_sent ON case_referrals (sent_on, case_id);
