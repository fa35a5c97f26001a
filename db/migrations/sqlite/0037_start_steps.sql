-- What the start-up steps last did (启动步骤记录), so a start repeats none it need not: the due-soon threshold each
-- clock's stored rows were computed with (a start reads every stored clock of a kind only when the configuration's
-- threshold differs), and that the figure facts of rows from before migration 0025 are filled (the search for them
-- reads whole tables). Seconds at every start of a province's database, written once.
CREATE TABLE start_steps (
    step     TEXT         NOT NULL PRIMARY KEY,
    outcome  TEXT         NOT NULL
);
