-- The search index (V10) catches up in batches instead of inside every message's commit.
--
-- Indexing a message in its own commit made FTS5 write a new segment, and update its structure,
-- for every group-commit batch: at 400 messages a second that was about 13 % of the server's CPU
-- per delivery (issue #16, bench/analysis.md). Now a new message only gets its key, and the key
-- waits in message_search_pending, committed with the message; SqliteSearchIndex moves what waits
-- into message_search in one transaction per few hundred messages, and a search first indexes
-- whatever still waits, so it finds every message stored before it, as before.
--
-- An edit of a message that waits changes nothing in the index (it will read the text then); a
-- deletion of one only takes it out of the queue: FTS5 is never asked to delete a row it never had.
CREATE TABLE message_search_pending (
    key INTEGER PRIMARY KEY
);

DROP TRIGGER messages_search_insert;
DROP TRIGGER messages_search_update;
DROP TRIGGER messages_search_delete;

-- Inside a trigger, last_insert_rowid() is the key the trigger's own INSERT just gave.
CREATE TRIGGER messages_search_insert AFTER INSERT ON messages BEGIN
    INSERT INTO message_search_keys (room_id, message_id) VALUES (new.room_id, new.id);
    INSERT INTO message_search_pending (key) VALUES (last_insert_rowid());
END;

CREATE TRIGGER messages_search_update AFTER UPDATE OF text ON messages
WHEN NOT EXISTS (SELECT 1 FROM message_search_pending
                 WHERE key = (SELECT key FROM message_search_keys WHERE room_id = old.room_id AND message_id = old.id))
BEGIN
    DELETE FROM message_search
        WHERE rowid = (SELECT key FROM message_search_keys WHERE room_id = old.room_id AND message_id = old.id);
    INSERT INTO message_search (rowid, room, text)
        SELECT key, new.room_id, new.text FROM message_search_keys WHERE room_id = old.room_id AND message_id = old.id;
END;

-- In this order: the index is asked to delete only a row it has, then the queue and the key go.
CREATE TRIGGER messages_search_delete AFTER DELETE ON messages BEGIN
    DELETE FROM message_search
        WHERE rowid = (SELECT key FROM message_search_keys WHERE room_id = old.room_id AND message_id = old.id)
          AND NOT EXISTS (SELECT 1 FROM message_search_pending
                          WHERE key = (SELECT key FROM message_search_keys WHERE room_id = old.room_id AND message_id = old.id));
    DELETE FROM message_search_pending
        WHERE key = (SELECT key FROM message_search_keys WHERE room_id = old.room_id AND message_id = old.id);
    DELETE FROM message_search_keys WHERE room_id = old.room_id AND message_id = old.id;
END;
