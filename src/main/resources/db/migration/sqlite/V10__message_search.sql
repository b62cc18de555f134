-- Search in a room (MessageSearch): an FTS5 index of every message's text, kept in step with the
-- messages by triggers (a new message, an edit or a deletion's emptied text, a deletion: by a
-- person, retention, or a room's cascade).
--
-- The index is contentless (the text lives once, in messages) and keyed by message_search_keys.key,
-- not by messages' hidden rowid: messages has no INTEGER PRIMARY KEY, so VACUUM (and VACUUM INTO,
-- which makes our backups) may renumber its rowids, which would point the index at other messages.
-- A key is given in id order within each room, so "newest matches first" is "highest keys first".
--
-- Each row also indexes its room id as a token of the column room: a search ANDs it with the words,
-- so the index itself keeps the search in one room and never reads other rooms' matches.
-- unicode61 remove_diacritics 2 folds case and diacritics: aviao finds Avião and AVIÃO.
CREATE TABLE message_search_keys (
    key        INTEGER PRIMARY KEY,
    room_id    TEXT NOT NULL,
    message_id INTEGER NOT NULL
);
CREATE UNIQUE INDEX message_search_keys_message ON message_search_keys (room_id, message_id);

CREATE VIRTUAL TABLE message_search USING fts5(
    room, text, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER messages_search_insert AFTER INSERT ON messages BEGIN
    INSERT INTO message_search_keys (room_id, message_id) VALUES (new.room_id, new.id);
    INSERT INTO message_search (rowid, room, text)
        SELECT key, new.room_id, new.text FROM message_search_keys WHERE room_id = new.room_id AND message_id = new.id;
END;

CREATE TRIGGER messages_search_update AFTER UPDATE OF text ON messages BEGIN
    DELETE FROM message_search
        WHERE rowid = (SELECT key FROM message_search_keys WHERE room_id = old.room_id AND message_id = old.id);
    INSERT INTO message_search (rowid, room, text)
        SELECT key, new.room_id, new.text FROM message_search_keys WHERE room_id = old.room_id AND message_id = old.id;
END;

CREATE TRIGGER messages_search_delete AFTER DELETE ON messages BEGIN
    DELETE FROM message_search
        WHERE rowid = (SELECT key FROM message_search_keys WHERE room_id = old.room_id AND message_id = old.id);
    DELETE FROM message_search_keys WHERE room_id = old.room_id AND message_id = old.id;
END;

-- Backfill: the messages stored so far, keyed in id order within each room.
INSERT INTO message_search_keys (room_id, message_id) SELECT room_id, id FROM messages ORDER BY room_id, id;
INSERT INTO message_search (rowid, room, text)
    SELECT k.key, m.room_id, m.text FROM message_search_keys k JOIN messages m ON m.room_id = k.room_id AND m.id = k.message_id;
