-- The office's own work 科室日常工作 that its half-year report counts besides cases and the window:
-- legal trainings for venue owners 经营业主法律法规培训, publicity events 法律法规宣传, letters answered
-- (the district head's mailbox 区长信箱 and petition letters 信访函, each with its reply limit, timed by the
-- deadline scan) and seizures 收缴、暂扣 made during inspections and campaigns, stations' included.
CREATE TABLE office_trainings (
    id             uuid NOT NULL PRIMARY KEY,
    jurisdiction   varchar(12) NOT NULL,
    held_on        date NOT NULL,
    subject        varchar(200) NOT NULL,
    venue_types    varchar(200) NOT NULL,
    attendees      int NOT NULL,
    place          varchar(200) NOT NULL,
    note           text NULL,
    created_at     timestamptz NOT NULL,
    created_by     varchar(100) NOT NULL
);
CREATE INDEX ix_office_trainings_jurisdiction ON office_trainings (jurisdiction, held_on, id);

CREATE TABLE office_publicity (
    id             uuid NOT NULL PRIMARY KEY,
    jurisdiction   varchar(12) NOT NULL,
    held_on        date NOT NULL,
    subject        varchar(200) NOT NULL,
    place          varchar(200) NOT NULL,
    form           varchar(50) NOT NULL,
    note           text NULL,
    created_at     timestamptz NOT NULL,
    created_by     varchar(100) NOT NULL
);
CREATE INDEX ix_office_publicity_jurisdiction ON office_publicity (jurisdiction, held_on, id);

-- A letter's limits are fixed when it is received (the settings then in force): the acceptance notice of a
-- petition (信访工作条例 art. 32), the reply (art. 35 for a petition, the local rules for the mailbox).
CREATE TABLE office_letters (
    id                 uuid NOT NULL PRIMARY KEY,
    jurisdiction       varchar(12) NOT NULL,
    kind               varchar(20) NOT NULL,
    received_on        date NOT NULL,
    subject            varchar(200) NOT NULL,
    sender             varchar(100) NOT NULL,
    content            text NULL,
    accept_limit_days  int NULL,
    accepted_on        date NULL,
    reply_limit_kind   varchar(20) NOT NULL,
    reply_limit_days   int NOT NULL,
    replied_on         date NULL,
    reply_text         text NULL,
    replied_by         varchar(100) NULL,
    responsible_id     varchar(100) NOT NULL,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    version            bigint NOT NULL
);
CREATE INDEX ix_office_letters_jurisdiction ON office_letters (jurisdiction, received_on, id);

CREATE TABLE office_seizures (
    id             uuid NOT NULL PRIMARY KEY,
    jurisdiction   varchar(12) NOT NULL,
    seized_on      date NOT NULL,
    action         varchar(20) NOT NULL,
    item           varchar(200) NOT NULL,
    quantity       int NOT NULL,
    unit           varchar(20) NOT NULL,
    venue_id       uuid NULL REFERENCES venues (id),
    campaign_id    uuid NULL REFERENCES campaigns (id),
    inspection_id  uuid NULL REFERENCES inspections (id),
    note           text NULL,
    created_at     timestamptz NOT NULL,
    created_by     varchar(100) NOT NULL
);
CREATE INDEX ix_office_seizures_jurisdiction ON office_seizures (jurisdiction, seized_on, id);
