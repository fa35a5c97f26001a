-- Idempotency keys: a retried POST with the same key (per user) replays the first answer instead of creating twice.
-- owner_token fences the request that holds the key; committed_at is set in the command's own transaction.
CREATE TABLE idempotency_keys (
    user_id           nvarchar(100)    NOT NULL,
    idem_key          nvarchar(200)    NOT NULL,
    method            varchar(10)      NOT NULL,
    path              nvarchar(2000)   NOT NULL,
    request_sha256    char(64)         NOT NULL,
    owner_token       uniqueidentifier NOT NULL,
    created_at        datetimeoffset   NOT NULL,
    claimed_at        datetimeoffset   NOT NULL,
    committed_at      datetimeoffset   NULL,
    status_code       int              NULL,
    response_headers  nvarchar(max)    NULL,
    response_body     nvarchar(max)    NULL,
    completed_at      datetimeoffset   NULL,
    CONSTRAINT pk_idempotency_keys PRIMARY KEY (user_id, idem_key)
);
CREATE INDEX ix_idempotency_keys_created ON idempotency_keys (created_at);
GO
