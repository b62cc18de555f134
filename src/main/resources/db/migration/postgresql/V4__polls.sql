-- Polls (issue #14): a room's polls, their options in order, and one vote per poll and voter.
CREATE TABLE polls (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    room_id    TEXT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    question   TEXT NOT NULL,
    author     TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    -- NULL while the poll is open.
    closed_at  BIGINT
);
CREATE INDEX polls_room ON polls (room_id, id);

CREATE TABLE poll_options (
    poll_id  BIGINT NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text     TEXT NOT NULL,
    PRIMARY KEY (poll_id, position)
);

-- The voter is a nickname's NameKeys key: one vote per poll and person, whichever node took it.
CREATE TABLE poll_votes (
    poll_id      BIGINT NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    voter_key    TEXT NOT NULL,
    option_index INTEGER NOT NULL,
    voted_at     BIGINT NOT NULL,
    PRIMARY KEY (poll_id, voter_key)
);
