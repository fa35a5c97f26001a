-- Users who sign in 用户. The id is the login name itself (lowercase ASCII), the id that appears as
-- officer, holder and actor everywhere else. Roles live in user_roles, one row per role, so "the
-- officers of this district" is an index range. password_hash is ASP.NET Core Identity's
-- PasswordHasher format (PBKDF2, salted); no password is ever stored in clear.
-- failed_attempts counts consecutive failed sign-ins; reaching the limit sets locked_until and starts the count again.
CREATE TABLE users (
    id                    varchar(32)   NOT NULL PRIMARY KEY,
    display_name          varchar(50)   NOT NULL,
    jurisdiction          varchar(12)   NOT NULL,
    credential_number     varchar(32)   NULL,
    active                boolean       NOT NULL,
    password_hash         varchar(200)  NOT NULL,
    must_change_password  boolean       NOT NULL,
    failed_attempts       integer       NOT NULL,
    locked_until          timestamptz   NULL,
    last_sign_in_at       timestamptz   NULL,
    password_changed_at   timestamptz   NOT NULL,
    created_at            timestamptz   NOT NULL,
    created_by            varchar(100)  NOT NULL,
    updated_at            timestamptz   NOT NULL,
    version               bigint        NOT NULL
);
CREATE INDEX ix_users_jurisdiction ON users (jurisdiction, id);
-- 执法证号 identifies one officer: no two users carry the same one.
CREATE UNIQUE INDEX ux_users_credential_number ON users (credential_number) WHERE credential_number IS NOT NULL;

CREATE TABLE user_roles (
    user_id  varchar(32) NOT NULL REFERENCES users (id),
    role     varchar(16) NOT NULL,
    PRIMARY KEY (user_id, role)
);
CREATE INDEX ix_user_roles_role ON user_roles (role, user_id);
