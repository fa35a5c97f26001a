-- Idempotency keys: a retried POST with the same key (per user) replays the first answer instead of creating twice.
-- owner_token fences the request that holds the key; committed_at is set in the command's own transaction.
CREATE TABLE idempotency_keys (
    user_id           varchar(100)  NOT NULL,
    idem_key          varchar(200)  NOT NULL,
    method            varchar(10)   NOT NULL,
    path              varchar(2000) NOT NULL,
    request_sha256    char(64)      NOT NULL,
    owner_token       uuid          NOT NULL,
    created_at        timestamptz   NOT NULL,
    claimed_at        timestamptz   NOT NULL,
    committed_at      timestamptz   NULL,
    status_code       integer       NULL,
    response_headers  text          NULL,
    response_body     text          NULL,
    completed_at      timestamptz   NULL,
    PRIMARY KEY (user_id, idem_key)
);
CREATE INDEX ix_idempotency_keys_created ON idempotency_keys (created_at);
