-- Room owners without accounts (issue #14), as SQLite's V7: the hashes (SHA-256) of the room's
-- owner and moderator keys, never the keys; NULL for rooms made before owners existed.
ALTER TABLE rooms ADD COLUMN owner_key_hash TEXT;
ALTER TABLE rooms ADD COLUMN moderator_key_hash TEXT;
-- Slow mode: one message per this many seconds per member; 0 is off.
ALTER TABLE rooms ADD COLUMN slow_mode_seconds INTEGER NOT NULL DEFAULT 0;

-- Pinned messages, at most 25 per room (checked with the room's row locked). A pin goes with its
-- message (deleted by a moderator, or by retention) and so with its room.
CREATE TABLE room_pins (
    room_id    TEXT NOT NULL,
    message_id BIGINT NOT NULL,
    pinned_at  BIGINT NOT NULL,
    PRIMARY KEY (room_id, message_id),
    FOREIGN KEY (room_id, message_id) REFERENCES messages (room_id, id) ON DELETE CASCADE
);
