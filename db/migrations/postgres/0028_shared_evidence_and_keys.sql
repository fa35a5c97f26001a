-- Evidence bytes kept in the database 证据文件库 (Evidence:Store=database), so every API instance on this database
-- reads and writes the same files. A file is stored once per SHA-256 (evidence_blobs) as numbered pieces of
-- chunk_bytes each (evidence_blob_chunks, the last piece shorter); a range read fetches only the pieces it covers.
-- An unfinished resumable upload keeps its received bytes as pieces under the upload's id (blob_id = evidence_uploads.id),
-- so an upload begun on one instance can be resumed and completed on another; completing it records the pieces
-- under the file's hash without copying them.
CREATE TABLE evidence_blobs (
    sha256       char(64)    NOT NULL PRIMARY KEY,
    blob_id      uuid        NOT NULL,
    size_bytes   bigint      NOT NULL,
    chunk_bytes  integer     NOT NULL,
    stored_at    timestamptz NOT NULL
);
CREATE UNIQUE INDEX ux_evidence_blobs_blob ON evidence_blobs (blob_id);

CREATE TABLE evidence_blob_chunks (
    blob_id  uuid    NOT NULL,
    seq      integer NOT NULL,
    bytes    bytea   NOT NULL,
    PRIMARY KEY (blob_id, seq)
);
-- Photos, video and audio are compressed already: stored out of line as they are, without another try at compressing.
ALTER TABLE evidence_blob_chunks ALTER COLUMN bytes SET STORAGE EXTERNAL;

-- ASP.NET Core data-protection keys 数据保护密钥: they seal the pages' sign-in cookies and anti-forgery tokens, so
-- every instance must hold the same ones; kept here, beside the data, instead of in each server's home folder.
CREATE TABLE data_protection_keys (
    name       varchar(200) NOT NULL PRIMARY KEY,
    xml        text         NOT NULL,
    stored_at  timestamptz  NOT NULL
);
