-- The office's own work 科室日常工作 that its half-year report counts besides cases and the window:
-- legal trainings for venue owners 经营业主法律法规培训, publicity events 法律法规宣传, letters answered
-- (the district head's mailbox 区长信箱 and petition letters 信访函, each with its reply limit, timed by the
-- deadline scan) and seizures 收缴、暂扣 made during inspections and campaigns, stations' included.
CREATE TABLE office_trainings (
    id             TEXT NOT NULL PRIMARY KEY,
    jurisdiction   TEXT NOT NULL,
    held_on        TEXT NOT NULL,
    subject        TEXT NOT NULL,
    venue_types    TEXT NOT NULL,
    attendees      INTEGER NOT NULL,
    place          TEXT NOT NULL,
    note           TEXT NULL,
    created_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL
);
CREATE INDEX ix_office_trainings_jurisdiction ON office_trainings (jurisdiction, held_on, id);

CREATE TABLE office_publicity (
    id             TEXT NOT NULL PRIMARY KEY,
    jurisdiction   TEXT NOT NULL,
    held_on        TEXT NOT NULL,
    subject        TEXT NOT NULL,
    place          TEXT NOT NULL,
    form           TEXT NOT NULL,
    note           TEXT NULL,
    created_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL
);
CREATE INDEX ix_office_publicity_jurisdiction ON office_publicity (jurisdiction, held_on, id);

-- A letter's limits are fixed when it is received (the settings then in force): the acceptance notice of a
-- petition (信访工作条例 art. 32), the reply (art. 35 for a petition, the local rules for the mailbox).
CREATE TABLE office_letters (
    id                 TEXT NOT NULL PRIMARY KEY,
    jurisdiction       TEXT NOT NULL,
    kind               TEXT NOT NULL,
    received_on        TEXT NOT NULL,
    subject            TEXT NOT NULL,
    sender             TEXT NOT NULL,
    content            TEXT NULL,
    accept_limit_days  INTEGER NULL,
    accepted_on        TEXT NULL,
    reply_limit_kind   TEXT NOT NULL,
    reply_limit_days   INTEGER NOT NULL,
    replied_on         TEXT NULL,
    reply_text         TEXT NULL,
    replied_by         TEXT NULL,
    responsible_id     TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    version            INTEGER NOT NULL
);
CREATE INDEX ix_office_letters_jurisdiction ON office_letters (jurisdiction, received_on, id);

CREATE TABLE office_seizures (
    id             TEXT NOT NULL PRIMARY KEY,
    jurisdiction   TEXT NOT NULL,
    seized_on      TEXT NOT NULL,
    action         TEXT NOT NULL,
    item           TEXT NOT NULL,
    quantity       INTEGER NOT NULL,
    unit           TEXT NOT NULL,
    venue_id       TEXT NULL REFERENCES venues (id),
    campaign_id    TEXT NULL REFERENCES campaigns (id),
    inspection_id  TEXT NULL REFERENCES inspections (id),
    note           TEXT NULL,
    created_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL
);
CREATE INDEX ix_office_seizures_jurisdiction ON office_seizures (jurisdiction, seized_on, id);
