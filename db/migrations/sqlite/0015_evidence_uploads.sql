-- Resumable uploads of evidence files 证据材料 (body-camera video and audio 执法记录仪, hundreds of MB):
-- a session is started with the declared size and type, receives chunks at the offset it reports, and
-- becomes an inspection_evidence row only when complete. Until then the bytes are a part file outside the
-- content-addressed store; sessions left unfinished are removed after a configurable time.
CREATE TABLE evidence_uploads (
    id               TEXT     NOT NULL PRIMARY KEY,
    inspection_id    TEXT     NOT NULL REFERENCES inspections (id),
    jurisdiction     TEXT     NOT NULL,
    item_code        TEXT     NULL,
    file_name        TEXT     NOT NULL,
    content_type     TEXT     NOT NULL,
    size_bytes       INTEGER  NOT NULL,
    declared_sha256  TEXT     NULL,
    caption          TEXT     NULL,
    received_bytes   INTEGER  NOT NULL,
    write_token      TEXT     NOT NULL,
    started_by       TEXT     NOT NULL,
    started_at       TEXT     NOT NULL,
    updated_at       TEXT     NOT NULL,
    evidence_id      TEXT     NULL REFERENCES inspection_evidence (id),
    completed_at     TEXT     NULL
);
CREATE INDEX ix_evidence_uploads_updated ON evidence_uploads (updated_at, id);
