-- The dashboard's due-soon and overdue counts kept by due date (到期日汇总): how many stored clocks of each
-- jurisdiction, kind of work and clock fall due on each day, and from which day they read due soon (9999-12-31 for a
-- clock that never does); suspended clocks have no dates and are not counted. A city's counts add up a few thousand
-- rows instead of reading every open clock of the city. Written with the clocks themselves, in the command's
-- transaction (ClockRows, ClockDueDays); the rows below count the clocks already stored.
CREATE TABLE clock_due_days (
    jurisdiction  varchar(12) NOT NULL,
    subject_type  varchar(32) NOT NULL,
    clock         varchar(32) NOT NULL,
    due_on        date        NOT NULL,
    due_soon_on   date        NOT NULL,
    number        integer     NOT NULL,
    PRIMARY KEY (jurisdiction, subject_type, clock, due_on, due_soon_on)
);

INSERT INTO clock_due_days (jurisdiction, subject_type, clock, due_on, due_soon_on, number)
SELECT jurisdiction, subject_type, clock, due_on, COALESCE(due_soon_on, DATE '9999-12-31'), COUNT(*)
FROM deadline_clocks
WHERE due_on IS NOT NULL
GROUP BY jurisdiction, subject_type, clock, due_on, COALESCE(due_soon_on, DATE '9999-12-31');
