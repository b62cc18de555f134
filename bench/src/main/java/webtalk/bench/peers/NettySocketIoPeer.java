package webtalk.bench.peers;

import com.corundumstudio.socketio.AckRequest;
import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIOServer;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * A peer for the comparison: the WebTalk events on netty-socketio 2.0.13 (Socket.IO v4 clients,
 * Engine.IO 4), no persistence, as bench/peers/node/server.js answers them. Native epoll and
 * SO_REUSEADDR on, the rest netty-socketio's defaults. Usage: {@code java webtalk.bench.peers.NettySocketIoPeer PORT}.
 */
public final class NettySocketIoPeer {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private NettySocketIoPeer() {
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 5400;
        SocketIOServer server = start("127.0.0.1", port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "peer-stop"));
        System.out.println("netty-socketio peer listening on " + port);
    }

    /** Starts a server answering {@code entrar} and {@code mensagem_chat}; returns once it listens. */
    public static SocketIOServer start(String host, int port) {
        Configuration config = new Configuration();
        config.setHostname(host);
        config.setPort(port);
        config.setUseLinuxNativeEpoll(true);
        // As any server that is restarted in place: bind even while the last run's connections linger in TIME_WAIT.
        config.getSocketConfig().setReuseAddress(true);
        SocketIOServer server = new SocketIOServer(config);
        server.addEventListener("entrar", Map.class, (SocketIOClient client, Map data, AckRequest ack) -> {
            String room = String.valueOf(data.get("id_sala"));
            client.joinRoom(room);
            server.getRoomOperations(room).sendEvent("usuario_entrou", Map.of("nome_usuario", String.valueOf(data.get("nome_usuario"))));
            if (ack.isAckRequested()) {
                ack.sendAckData(Map.of("ok", true));
            }
        });
        server.addEventListener("mensagem_chat", Map.class, (SocketIOClient client, Map data, AckRequest ack) -> {
            String room = String.valueOf(data.get("id_sala"));
            server.getRoomOperations(room).sendEvent("mensagem_chat", Map.of(
                    "nome_usuario", String.valueOf(data.get("nome_usuario")),
                    "mensagem", String.valueOf(data.get("mensagem")),
                    "horario", LocalTime.now().format(CLOCK)));
            if (ack.isAckRequested()) {
                ack.sendAckData(Map.of("ok", true));
            }
        });
        server.start();
        return server;
    }
}
