-- Working-day calendar 工作日历: per year, the holidays and make-up working days of the State Council notice.
CREATE TABLE calendar_years (
    year        int            NOT NULL PRIMARY KEY,
    source      nvarchar(200)  NULL,
    updated_at  datetimeoffset NOT NULL,
    updated_by  nvarchar(100)  NOT NULL,
    version     bigint         NOT NULL
);
GO

CREATE TABLE calendar_days (
    day         date           NOT NULL PRIMARY KEY,
    year        int            NOT NULL REFERENCES calendar_years (year),
    kind        varchar(16)    NOT NULL,
    name        nvarchar(50)   NOT NULL
);
CREATE INDEX ix_calendar_days_year ON calendar_days (year);
GO
