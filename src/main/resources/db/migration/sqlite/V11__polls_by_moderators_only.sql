-- Poll permissions (issue #14): when 1, only the room's owner and moderators open polls; 0 (the
-- default, as before) lets every member open one.
ALTER TABLE rooms ADD COLUMN polls_moderators_only INTEGER NOT NULL DEFAULT 0;
