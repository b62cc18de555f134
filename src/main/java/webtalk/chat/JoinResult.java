package webtalk.chat;

import java.util.List;

/**
 * What {@code entrar} answers: the members online after joining, the newest message id, whether
 * the catch-up replay was cut short ({@code moreToCatchUp}: fetch the rest with
 * {@code GET /api/salas/{id}/mensagens?depois=}), and the key that lets this member's next
 * connection take its name over from a connection that dropped silently.
 */
public record JoinResult(String roomId, String nickname, List<String> members, long lastMessageId,
                         boolean moreToCatchUp, String reclaimKey) {
}
