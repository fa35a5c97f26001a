-- The closure rate's figures for a whole jurisdiction as of today, kept by day (案件日汇总): for each jurisdiction and
-- local date, of the cases filed that day how many are withdrawn, closed (not withdrawn) and closed on time as they
-- stand, and how many filed cases ended (closed or withdrawn, whichever came first, never before their filing day)
-- that day. A period's filed, withdrawn, closed and closed-on-time are sums over its days, and the cases carried over
-- into it are those filed before it less those ended before it: a city's dashboard adds up a few thousand rows
-- instead of reading every case of the city. Written by the commands that file, close, withdraw or decide a case,
-- in their transaction (CaseFigureDays); the rows below count the cases already there.
CREATE TABLE case_figure_days (
    jurisdiction    varchar(12) NOT NULL,
    day             date     NOT NULL,
    filed           int      NOT NULL,
    withdrawn       int      NOT NULL,
    closed          int      NOT NULL,
    closed_on_time  int      NOT NULL,
    ended           int      NOT NULL,
    PRIMARY KEY (jurisdiction, day)
);
GO

INSERT INTO case_figure_days (jurisdiction, day, filed, withdrawn, closed, closed_on_time, ended)
SELECT jurisdiction, day, SUM(filed), SUM(withdrawn), SUM(closed), SUM(closed_on_time), SUM(ended)
FROM (
    SELECT jurisdiction, filed_on AS day, 1 AS filed,
           CASE WHEN withdrawn_on IS NOT NULL THEN 1 ELSE 0 END AS withdrawn,
           CASE WHEN withdrawn_on IS NULL AND closed_on IS NOT NULL THEN 1 ELSE 0 END AS closed,
           CASE WHEN withdrawn_on IS NULL AND closed_on IS NOT NULL AND decided_on_time = 1 THEN 1 ELSE 0 END AS closed_on_time,
           0 AS ended
    FROM cases WHERE filed_on IS NOT NULL
    UNION ALL
    SELECT jurisdiction, CASE WHEN ended_on < filed_on THEN filed_on ELSE ended_on END, 0, 0, 0, 0, 1
    FROM (SELECT jurisdiction, filed_on,
                 CASE WHEN closed_on IS NULL OR withdrawn_on < closed_on THEN withdrawn_on ELSE closed_on END AS ended_on
          FROM cases WHERE filed_on IS NOT NULL AND (closed_on IS NOT NULL OR withdrawn_on IS NOT NULL)) e
) x
GROUP BY jurisdiction, day;
