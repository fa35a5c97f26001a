-- Foundation: venues and the append-only audit trail.
CREATE TABLE venues (
    id                          uniqueidentifier NOT NULL PRIMARY KEY NONCLUSTERED,
    jurisdiction                varchar(12)      NOT NULL,
    name                        nvarchar(200)    NOT NULL,
    address                     nvarchar(400)    NOT NULL,
    venue_type                  varchar(32)      NOT NULL,
    operator_name               nvarchar(100)    NULL,
    legal_representative        nvarchar(50)     NULL,
    unified_social_credit_code  char(18)         NULL,
    license_number              nvarchar(64)     NULL,
    license_valid_until         date             NULL,
    license_status              varchar(16)      NOT NULL,
    terminals                   int              NULL,
    rooms                       int              NULL,
    created_at                  datetimeoffset   NOT NULL,
    updated_at                  datetimeoffset   NOT NULL,
    version                     bigint           NOT NULL
);
CREATE INDEX ix_venues_jurisdiction_name ON venues (jurisdiction, name, id);
CREATE INDEX ix_venues_name ON venues (name, id);
GO

CREATE TABLE audit_entries (
    id            uniqueidentifier NOT NULL PRIMARY KEY NONCLUSTERED,
    occurred_at   datetimeoffset   NOT NULL,
    user_id       nvarchar(100)    NOT NULL,
    user_name     nvarchar(100)    NOT NULL,
    role          varchar(20)      NOT NULL,
    jurisdiction  varchar(12)      NOT NULL,
    command       varchar(100)     NOT NULL,
    entity_type   varchar(40)      NOT NULL,
    entity_id     varchar(64)      NOT NULL,
    payload       nvarchar(max)    NOT NULL
);
CREATE INDEX ix_audit_entity ON audit_entries (entity_type, entity_id, occurred_at);
GO

-- Append-only: the database itself refuses to change or remove an audit row.
CREATE TRIGGER audit_entries_no_change ON audit_entries INSTEAD OF UPDATE, DELETE
AS
BEGIN
    THROW 50001, 'audit_entries is append-only', 1;
END;
GO
