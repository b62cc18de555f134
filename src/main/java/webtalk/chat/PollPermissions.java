package webtalk.chat;

/**
 * Who may open and close polls. The seam for room owners (another part of issue #14): a room
 * setting "only owners open polls" answers {@link #mayOpenPoll}, and an owner may close any poll in
 * {@link #mayClosePoll}. {@link #AUTHORS} is today's rule.
 */
public interface PollPermissions {

    /** Whether {@code member}, in the room as {@code nickname}, may open a poll there. */
    boolean mayOpenPoll(String roomId, MemberConnection member, String nickname);

    /** Whether {@code member}, in the poll's room as {@code nickname}, may close {@code poll}. */
    boolean mayClosePoll(Poll poll, MemberConnection member, String nickname);

    /** Anyone in the room opens a poll; its author (the same nickname, by {@link NameKeys}) closes it. */
    PollPermissions AUTHORS = new PollPermissions() {
        @Override
        public boolean mayOpenPoll(String roomId, MemberConnection member, String nickname) {
            return true;
        }

        @Override
        public boolean mayClosePoll(Poll poll, MemberConnection member, String nickname) {
            return NameKeys.of(poll.author()).equals(NameKeys.of(nickname));
        }
    };
}
