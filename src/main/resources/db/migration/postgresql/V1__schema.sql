-- WebTalk schema for PostgreSQL, version 1: the final schema of the SQLite migrations V1..V6 in
-- one step (a new engine has no old databases to carry). Times are epoch milliseconds (UTC), as in
-- SQLite, so both stores read and write the same values.
CREATE TABLE rooms (
    id               TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    -- NameKeys.of(name): names are unique among active rooms by this key (no two look alike).
    name_key         TEXT NOT NULL,
    description      TEXT NOT NULL DEFAULT '',
    creator          TEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    password_hash    TEXT,
    active           BOOLEAN NOT NULL DEFAULT TRUE,
    last_activity_at BIGINT NOT NULL,
    message_count    BIGINT NOT NULL DEFAULT 0,
    -- The room's own retention in days, overriding the retencao_dias setting; NULL follows the setting.
    retention_days   INTEGER,
    -- The room's message counter: a message's id is this plus one, advanced in the transaction that
    -- inserts it while the row is locked, so a room's ids follow its commit order without gaps with
    -- any number of writers (a global sequence would hand out ids that commit out of order).
    last_message_id  BIGINT NOT NULL DEFAULT 0
);
-- Names are unique among active rooms only, so a room closed for inactivity frees its name.
CREATE UNIQUE INDEX rooms_active_name ON rooms (name_key) WHERE active;

CREATE TABLE messages (
    room_id    TEXT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    id         BIGINT NOT NULL,
    author     TEXT NOT NULL,
    text       TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    client_id  TEXT,
    -- Serves history pages before and after an id, the newest id per room and the cascade from rooms.
    PRIMARY KEY (room_id, id)
);
-- id_cliente is idempotent per room: a retry finds the stored message here.
CREATE UNIQUE INDEX messages_client_id ON messages (room_id, client_id) WHERE client_id IS NOT NULL;
CREATE INDEX messages_created_at ON messages (created_at);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Moderation: bans per room (by nickname or address, until a time) and the admin audit log.
CREATE TABLE bans (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    room_id    TEXT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('nickname', 'address')),
    value      TEXT NOT NULL,
    until_at   BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX bans_room ON bans (room_id, until_at);

CREATE TABLE audit_log (
    id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at      BIGINT NOT NULL,
    action  TEXT NOT NULL,
    room_id TEXT,
    target  TEXT,
    detail  TEXT,
    address TEXT
);
