-- Foundation: venues and the append-only audit trail.
CREATE TABLE venues (
    id                          TEXT    NOT NULL PRIMARY KEY,
    jurisdiction                TEXT    NOT NULL,
    name                        TEXT    NOT NULL,
    address                     TEXT    NOT NULL,
    venue_type                  TEXT    NOT NULL,
    operator_name               TEXT    NULL,
    legal_representative        TEXT    NULL,
    unified_social_credit_code  TEXT    NULL,
    license_number              TEXT    NULL,
    license_valid_until         TEXT    NULL,
    license_status              TEXT    NOT NULL,
    terminals                   INTEGER NULL,
    rooms                       INTEGER NULL,
    created_at                  TEXT    NOT NULL,
    updated_at                  TEXT    NOT NULL,
    version                     INTEGER NOT NULL
);
CREATE INDEX ix_venues_jurisdiction_name ON venues (jurisdiction, name, id);
CREATE INDEX ix_venues_name ON venues (name, id);

CREATE TABLE audit_entries (
    id            TEXT NOT NULL PRIMARY KEY,
    occurred_at   TEXT NOT NULL,
    user_id       TEXT NOT NULL,
    user_name     TEXT NOT NULL,
    role          TEXT NOT NULL,
    jurisdiction  TEXT NOT NULL,
    command       TEXT NOT NULL,
    entity_type   TEXT NOT NULL,
    entity_id     TEXT NOT NULL,
    payload       TEXT NOT NULL
);
CREATE INDEX ix_audit_entity ON audit_entries (entity_type, entity_id, occurred_at);

-- Append-only: the database itself refuses to change or remove an audit row.
CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END;
CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END;
