package webtalk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.RunsAlone;
import webtalk.support.TestServer;

/**
 * WebTalk on a listening socket that a service manager holds across its restarts, as systemd does
 * with deploy/systemd/webtalk.socket: src/test/python/socket_holder.py plays systemd (the socket on
 * the server's standard input). A client that connects while no server runs waits in the socket's
 * queue and is served by the next process: a restart refuses no connection (issue #16).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
@RunsAlone
class SocketActivationIT {

    @TempDir
    Path tmp;

    @Test
    void aRestartOnAHeldSocketRefusesNoConnection() throws Exception {
        assertTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "python3 plays systemd here: apt-get install -y python3");
        Path log = tmp.resolve("server.log");
        try (ServerSocket portInUse = new ServerSocket(0)) {
            ProcessBuilder builder = holder(log);
            // HOST and PORT name a taken port: a server that bound them itself would not start.
            builder.environment().put("HOST", "127.0.0.1");
            builder.environment().put("PORT", String.valueOf(portInUse.getLocalPort()));
            builder.environment().put("DATA_DIR", Files.createDirectory(tmp.resolve("data")).toString());
            builder.environment().put("ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD);
            Process holder = builder.redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (Writer commands = new OutputStreamWriter(holder.getOutputStream(), StandardCharsets.UTF_8);
                 BufferedReader answers = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
                int port = Integer.parseInt(answers.readLine().strip());
                String url = "http://127.0.0.1:" + port;

                command(commands, answers, "start", "started");
                awaitReady(url, log);
                assertTrue(Files.readString(log).contains("WebTalk started: http://127.0.0.1:" + port + "/")
                        && Files.readString(log).contains("on the socket the service manager passed"), Files.readString(log));
                String room = new Http(url).createRoom("Reinício", null);
                try (ChatClient ana = ChatClient.connect(url)) {
                    ana.join(room, "ana");
                    ana.say(room, "antes do reinício");
                }

                String exited = command(commands, answers, "stop", "exited");
                assertEquals("exited 143", exited, "a clean stop on SIGTERM");
                // The JDK points standard output and error at /dev/null when a passed socket is
                // closed: the stop must keep it open to the end, so that its last line is written.
                assertTrue(Files.readString(log).contains("WebTalk stopped"), Files.readString(log));
                // No server runs now: the connection waits in the held socket's queue, not refused.
                try (Socket waiting = new Socket()) {
                    waiting.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
                    waiting.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    command(commands, answers, "start", "started");
                    waiting.setSoTimeout(90_000);
                    String status = new BufferedReader(new InputStreamReader(waiting.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                    assertEquals("HTTP/1.1 200 OK", status, "served by the next process");
                }
                awaitReady(url, log);
                try (ChatClient bia = ChatClient.connect(url)) {
                    bia.join(room, "bia");
                    List<String> history = bia.next("mensagem_chat", 1).stream().map(m -> m.getString("mensagem")).toList();
                    assertEquals(List.of("antes do reinício"), history);
                }
            } finally {
                holder.getOutputStream().close();
                if (!holder.waitFor(60, TimeUnit.SECONDS)) {
                    holder.destroyForcibly();
                }
            }
        }
    }

    /**
     * A start that fails after it took the socket (here a corrupt database) still writes its one
     * ERROR line: closing a passed socket would have pointed standard error at /dev/null first.
     */
    @Test
    void aFailedStartOnAPassedSocketStillSaysWhy() throws Exception {
        assertTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "python3 plays systemd here: apt-get install -y python3");
        Path log = tmp.resolve("failed.log");
        Path data = Files.createDirectory(tmp.resolve("corrupt"));
        Files.writeString(data.resolve("webtalk.db"), "this is not a database, just text. ".repeat(200));
        ProcessBuilder builder = holder(log);
        builder.environment().put("DATA_DIR", data.toString());
        builder.environment().put("ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD);
        Process holder = builder.redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (Writer commands = new OutputStreamWriter(holder.getOutputStream(), StandardCharsets.UTF_8);
             BufferedReader answers = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            answers.readLine();
            command(commands, answers, "start", "started");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(log).contains(" ERROR ") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(Files.readString(log).contains("webtalk.db is corrupt or not a WebTalk database"), Files.readString(log));
            assertEquals("exited 1", command(commands, answers, "stop", "exited"));
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(60, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
    }

    /** socket_holder.py on a free loopback port, running this test classpath's Main with its output in {@code log}. */
    private static ProcessBuilder holder(Path log) {
        return new ProcessBuilder("/usr/bin/python3", "src/test/python/socket_holder.py", "127.0.0.1", "0",
                log.toString(), "--", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "webtalk.app.Main");
    }

    /** Sends one command to the holder and returns its answer, which must start with {@code expected}. */
    private static String command(Writer commands, BufferedReader answers, String command, String expected) throws IOException {
        commands.write(command + "\n");
        commands.flush();
        String answer = answers.readLine();
        assertTrue(answer != null && answer.startsWith(expected), command + " answered " + answer);
        return answer;
    }

    private static void awaitReady(String url, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            try {
                if (new Http(url).get("/health/ready").status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // refused or reset while it starts
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not ready within 90 s:\n" + Files.readString(log));
    }
}
