-- Idempotency keys: a retried POST with the same key (per user) replays the first answer instead of creating twice.
-- owner_token fences the request that holds the key; committed_at is set in the command's own transaction.
CREATE TABLE idempotency_keys (
    user_id           TEXT    NOT NULL,
    idem_key          TEXT    NOT NULL,
    method            TEXT    NOT NULL,
    path              TEXT    NOT NULL,
    request_sha256    TEXT    NOT NULL,
    owner_token       TEXT    NOT NULL,
    created_at        TEXT    NOT NULL,
    claimed_at        TEXT    NOT NULL,
    committed_at      TEXT    NULL,
    status_code       INTEGER NULL,
    response_headers  TEXT    NULL,
    response_body     TEXT    NULL,
    completed_at      TEXT    NULL,
    PRIMARY KEY (user_id, idem_key)
);
CREATE INDEX ix_idempotency_keys_created ON idempotency_keys (created_at);
