-- Working-day calendar 工作日历: per year, the holidays and make-up working days of the State Council notice.
CREATE TABLE calendar_years (
    year        integer      NOT NULL PRIMARY KEY,
    source      varchar(200) NULL,
    updated_at  timestamptz  NOT NULL,
    updated_by  varchar(100) NOT NULL,
    version     bigint       NOT NULL
);

CREATE TABLE calendar_days (
    day         date         NOT NULL PRIMARY KEY,
    year        integer      NOT NULL REFERENCES calendar_years (year),
    kind        varchar(16)  NOT NULL,
    name        varchar(50)  NOT NULL
);
CREATE INDEX ix_calendar_days_year ON calendar_days (year);
