-- Poll permissions (issue #14): when true, only the room's owner and moderators open polls; false
-- (the default, as before) lets every member open one.
ALTER TABLE rooms ADD COLUMN polls_moderators_only BOOLEAN NOT NULL DEFAULT FALSE;
