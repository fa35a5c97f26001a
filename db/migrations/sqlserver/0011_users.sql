-- Users who sign in 用户. The id is the login name itself (lowercase ASCII), the id that appears as
-- officer, holder and actor everywhere else. Roles live in user_roles, one row per role, so "the
-- officers of this district" is an index range. password_hash is ASP.NET Core Identity's
-- PasswordHasher format (PBKDF2, salted); no password is ever stored in clear.
-- failed_attempts counts consecutive failed sign-ins; reaching the limit sets locked_until and starts the count again.
CREATE TABLE users (
    id                    varchar(32)    NOT NULL,
    display_name          nvarchar(50)   NOT NULL,
    jurisdiction          varchar(12)    NOT NULL,
    credential_number     nvarchar(32)   NULL,
    active                bit            NOT NULL,
    password_hash         varchar(200)   NOT NULL,
    must_change_password  bit            NOT NULL,
    failed_attempts       int            NOT NULL,
    locked_until          datetimeoffset NULL,
    last_sign_in_at       datetimeoffset NULL,
    password_changed_at   datetimeoffset NOT NULL,
    created_at            datetimeoffset NOT NULL,
    created_by            nvarchar(100)  NOT NULL,
    updated_at            datetimeoffset NOT NULL,
    version               bigint         NOT NULL,
    CONSTRAINT pk_users PRIMARY KEY (id)
);
CREATE INDEX ix_users_jurisdiction ON users (jurisdiction, id);
GO
-- 执法证号 identifies one officer: no two users carry the same one.
CREATE UNIQUE INDEX ux_users_credential_number ON users (credential_number) WHERE credential_number IS NOT NULL;
GO

CREATE TABLE user_roles (
    user_id  varchar(32) NOT NULL REFERENCES users (id),
    role     varchar(16) NOT NULL,
    CONSTRAINT pk_user_roles PRIMARY KEY (user_id, role)
);
CREATE INDEX ix_user_roles_role ON user_roles (role, user_id);
GO
