-- WebTalk schema, version 1. Times are epoch milliseconds (UTC).
CREATE TABLE rooms (
    id               TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    name_key         TEXT NOT NULL,
    description      TEXT NOT NULL DEFAULT '',
    creator          TEXT NOT NULL,
    created_at       INTEGER NOT NULL,
    password_hash    TEXT,
    active           INTEGER NOT NULL DEFAULT 1,
    last_activity_at INTEGER NOT NULL,
    message_count    INTEGER NOT NULL DEFAULT 0
);
-- Names are unique among active rooms only, so a room closed for inactivity frees its name.
CREATE UNIQUE INDEX rooms_active_name ON rooms (name_key) WHERE active = 1;

CREATE TABLE messages (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id    TEXT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    author     TEXT NOT NULL,
    text       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    client_id  TEXT
);
CREATE INDEX messages_room ON messages (room_id, id);
CREATE UNIQUE INDEX messages_client_id ON messages (room_id, client_id) WHERE client_id IS NOT NULL;
CREATE INDEX messages_created_at ON messages (created_at);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
