-- Foundation: venues and the append-only audit trail.
CREATE TABLE venues (
    id                          uuid          NOT NULL PRIMARY KEY,
    jurisdiction                varchar(12)   NOT NULL,
    name                        varchar(200)  NOT NULL,
    address                     varchar(400)  NOT NULL,
    venue_type                  varchar(32)   NOT NULL,
    operator_name               varchar(100)  NULL,
    legal_representative        varchar(50)   NULL,
    unified_social_credit_code  char(18)      NULL,
    license_number              varchar(64)   NULL,
    license_valid_until         date          NULL,
    license_status              varchar(16)   NOT NULL,
    terminals                   integer       NULL,
    rooms                       integer       NULL,
    created_at                  timestamptz   NOT NULL,
    updated_at                  timestamptz   NOT NULL,
    version                     bigint        NOT NULL
);
CREATE INDEX ix_venues_jurisdiction_name ON venues (jurisdiction varchar_pattern_ops, name, id);
CREATE INDEX ix_venues_name ON venues (name, id);

CREATE TABLE audit_entries (
    id            uuid          NOT NULL PRIMARY KEY,
    occurred_at   timestamptz   NOT NULL,
    user_id       varchar(100)  NOT NULL,
    user_name     varchar(100)  NOT NULL,
    role          varchar(20)   NOT NULL,
    jurisdiction  varchar(12)   NOT NULL,
    command       varchar(100)  NOT NULL,
    entity_type   varchar(40)   NOT NULL,
    entity_id     varchar(64)   NOT NULL,
    payload       text          NOT NULL
);
CREATE INDEX ix_audit_entity ON audit_entries (entity_type, entity_id, occurred_at);

-- Append-only: the database itself refuses to change or remove an audit row.
CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_entries is append-only';
END;
$$;
CREATE TRIGGER audit_entries_no_change BEFORE UPDATE OR DELETE ON audit_entries
    FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
