-- The permit window's intake and on-time figures kept by day (许可日汇总): for each jurisdiction, local date and kind of
-- application, how many were received that day (and of them how many now stand not accepted 不予受理), accepted that day,
-- and completed that day (on time, working days used, days promised). A period's intake and completions are sums over
-- its days: a city's districts add up a few thousand rows instead of reading every application of the city. Written by
-- the steps that receive, accept, refuse or complete an application, in their transaction (PermitFigureDays); the rows
-- below count the applications already there.
CREATE TABLE permit_figure_days (
    jurisdiction       varchar(12) NOT NULL,
    day                date        NOT NULL,
    kind               varchar(24) NOT NULL,
    received           integer  NOT NULL,
    not_accepted       integer  NOT NULL,
    accepted           integer  NOT NULL,
    completed          integer  NOT NULL,
    on_time            integer  NOT NULL,
    used_days          integer  NOT NULL,
    promised_days      integer  NOT NULL,
    PRIMARY KEY (jurisdiction, day, kind)
);

INSERT INTO permit_figure_days (jurisdiction, day, kind, received, not_accepted, accepted, completed, on_time, used_days, promised_days)
SELECT jurisdiction, day, kind, SUM(received), SUM(not_accepted), SUM(accepted), SUM(completed), SUM(on_time), SUM(used_days), SUM(promised_days)
FROM (
    SELECT jurisdiction, received_on AS day, kind, 1 AS received, CASE WHEN stage = 'notAccepted' THEN 1 ELSE 0 END AS not_accepted,
           0 AS accepted, 0 AS completed, 0 AS on_time, 0 AS used_days, 0 AS promised_days
    FROM permit_applications
    UNION ALL
    SELECT jurisdiction, accepted_on, kind, 0, 0, 1, 0, 0, 0, 0 FROM permit_applications WHERE accepted_on IS NOT NULL
    UNION ALL
    SELECT jurisdiction, completed_on, kind, 0, 0, 0, 1, CASE WHEN completed_on_time THEN 1 ELSE 0 END, COALESCE(used_days, 0), promised_limit_days
    FROM permit_applications WHERE completed_on IS NOT NULL
) x
GROUP BY jurisdiction, day, kind;
