-- messages_room was (room_id, id). Every SQLite index already ends with the rowid, which id is, so
-- (room_id) alone keeps each room's messages in id order and serves the same queries (history
-- pages before and after an id, the newest id per room, the cascade from rooms) with shorter
-- entries: the id was stored twice in each. One less value to write per message.
DROP INDEX messages_room;
CREATE INDEX messages_room ON messages (room_id);
