-- Moderation: bans per room (by nickname or address, until a time) and the admin audit log.
CREATE TABLE bans (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id    TEXT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('nickname', 'address')),
    value      TEXT NOT NULL,
    until_at   INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX bans_room ON bans (room_id, until_at);

CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    at      INTEGER NOT NULL,
    action  TEXT NOT NULL,
    room_id TEXT,
    target  TEXT,
    detail  TEXT,
    address TEXT
);
