-- Message ids become per room: each room counts its own messages, and a message's id is the
-- room's counter after it, advanced in the same transaction as the insert. So a room's ids follow
-- its commit order without gaps, which any store can keep with one writer or many (a global
-- AUTOINCREMENT only orders commits while a single writer assigns ids).
--
-- Existing messages keep their ids (they already increase within each room). Every existing
-- room's counter starts at the highest id the old AUTOINCREMENT ever gave (sqlite_sequence), not at
-- the room's current max: a room's newest messages may have been deleted (by an admin, or
-- retention), and a client that saw them holds their id as its catch-up point (ultimo_id,
-- depois=), so a new message must get a larger one or that client would skip it. New ids thus
-- jump once, at the migration, and are gap-free from then on.
ALTER TABLE rooms ADD COLUMN last_message_id INTEGER NOT NULL DEFAULT 0;
UPDATE rooms SET last_message_id = max(
    coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'messages'), 0),
    coalesce((SELECT max(id) FROM messages), 0));

CREATE TABLE messages_by_room (
    room_id    TEXT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    id         INTEGER NOT NULL,
    author     TEXT NOT NULL,
    text       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    client_id  TEXT,
    PRIMARY KEY (room_id, id)
);
INSERT INTO messages_by_room (room_id, id, author, text, created_at, client_id)
    SELECT room_id, id, author, text, created_at, client_id FROM messages ORDER BY room_id, id;
DROP TABLE messages;
ALTER TABLE messages_by_room RENAME TO messages;

-- The primary key's index (room_id, id) now serves what messages_room (room_id) did: history
-- pages, the newest id per room, the cascade from rooms. The other two indexes come back as they were.
CREATE UNIQUE INDEX messages_client_id ON messages (room_id, client_id) WHERE client_id IS NOT NULL;
CREATE INDEX messages_created_at ON messages (created_at);
