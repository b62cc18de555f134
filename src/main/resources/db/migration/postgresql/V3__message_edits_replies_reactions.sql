-- Issue #14: authors edit and delete their messages, replies, mentions, reactions (as SQLite V8).
-- reply_to: the id (same room) a message answers; its quote is read from that row, as it is now.
-- mentions: the nicknames it mentions, as shown, one per line (a nickname holds no line break).
-- edited_at: when its author last edited it. deleted: a tombstone (text erased, id kept).
ALTER TABLE messages ADD COLUMN reply_to BIGINT;
ALTER TABLE messages ADD COLUMN mentions TEXT;
ALTER TABLE messages ADD COLUMN edited_at BIGINT;
ALTER TABLE messages ADD COLUMN deleted BOOLEAN NOT NULL DEFAULT FALSE;

-- One row per member (by name key) and emoji on a message: the key makes a toggle idempotent and
-- keeps one reaction per person per emoji on any number of nodes. Goes with its message.
CREATE TABLE reactions (
    room_id    TEXT NOT NULL,
    message_id BIGINT NOT NULL,
    member_key TEXT NOT NULL,
    emoji      TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (room_id, message_id, member_key, emoji),
    FOREIGN KEY (room_id, message_id) REFERENCES messages (room_id, id) ON DELETE CASCADE
);
