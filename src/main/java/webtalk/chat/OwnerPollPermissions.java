package webtalk.chat;

/**
 * Poll permissions tied to room owners (issue #14): when the room's setting "only moderators open
 * polls" is on ({@link RoomOwners#setPollsModeratorsOnly}), only a connection that moderates the
 * room opens one; otherwise anyone does. A poll is closed by its author or by the room's owner and
 * moderators.
 */
public final class OwnerPollPermissions implements PollPermissions {

    private final RoomOwners owners;
    private final RoomRoles roles;

    public OwnerPollPermissions(RoomOwners owners, RoomRoles roles) {
        this.owners = owners;
        this.roles = roles;
    }

    @Override
    public boolean mayOpenPoll(String roomId, MemberConnection member, String nickname) {
        return !owners.pollsModeratorsOnly(roomId) || roles.moderates(member, roomId);
    }

    @Override
    public boolean mayClosePoll(Poll poll, MemberConnection member, String nickname) {
        return AUTHORS.mayClosePoll(poll, member, nickname) || roles.moderates(member, poll.roomId());
    }
}
