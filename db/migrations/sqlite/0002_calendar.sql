-- Working-day calendar 工作日历: per year, the holidays and make-up working days of the State Council notice.
CREATE TABLE calendar_years (
    year        INTEGER NOT NULL PRIMARY KEY,
    source      TEXT    NULL,
    updated_at  TEXT    NOT NULL,
    updated_by  TEXT    NOT NULL,
    version     INTEGER NOT NULL
);

CREATE TABLE calendar_days (
    day         TEXT    NOT NULL PRIMARY KEY,
    year        INTEGER NOT NULL REFERENCES calendar_years (year),
    kind        TEXT    NOT NULL,
    name        TEXT    NOT NULL
);
CREATE INDEX ix_calendar_days_year ON calendar_days (year);
