-- Resumable uploads of evidence files 证据材料 (body-camera video and audio 执法记录仪, hundreds of MB):
-- a session is started with the declared size and type, receives chunks at the offset it reports, and
-- becomes an inspection_evidence row only when complete. Until then the bytes are a part file outside the
-- content-addressed store; sessions left unfinished are removed after a configurable time.
CREATE TABLE evidence_uploads (
    id               uuid          NOT NULL PRIMARY KEY,
    inspection_id    uuid          NOT NULL REFERENCES inspections (id),
    jurisdiction     varchar(12)   NOT NULL,
    item_code        varchar(32)   NULL,
    file_name        varchar(255)  NOT NULL,
    content_type     varchar(100)  NOT NULL,
    size_bytes       bigint        NOT NULL,
    declared_sha256  char(64)      NULL,
    caption          varchar(400)  NULL,
    received_bytes   bigint        NOT NULL,
    write_token      uuid          NOT NULL,
    started_by       varchar(100)  NOT NULL,
    started_at       timestamptz   NOT NULL,
    updated_at       timestamptz   NOT NULL,
    evidence_id      uuid          NULL REFERENCES inspection_evidence (id),
    completed_at     timestamptz   NULL
);
CREATE INDEX ix_evidence_uploads_updated ON evidence_uploads (updated_at, id);
