package webtalk.bench;

import io.socket.client.IO;
import io.socket.client.Socket;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.json.JSONObject;

/**
 * The failover time distribution of a WebTalk cluster (bench/failover.sh): N default Socket.IO
 * clients (polling first, then WebSocket, reconnection on) connected through the balancer, in R
 * rooms, each sending a message now and then with an ack; then K times: {@code kill -9} one node in
 * the middle of the traffic and measure, for every client that node held,
 * <ol>
 * <li>{@code rejoin}: from the kill until the client is connected again (through the balancer, to a
 * live node) and its {@code entrar} is acknowledged;</li>
 * <li>{@code caught_up}: until it holds every message of its room, without a hole, up to the
 * newest one acknowledged to anyone when its rejoin was acknowledged (catch-up by {@code ultimo_id});</li>
 * <li>{@code presence}: until every member on the surviving nodes has seen its old name leave
 * ({@code usuario_saiu}); half the killed clients come back under a new name (so the old one must
 * leave), the other half reclaim their name with {@code chave_sessao} (so it must not).</li>
 * </ol>
 * The node is started again (the start command) and the next kill takes the next node. At the end:
 * every acknowledged message is stored, the stored ids are gap-free, and every client received every
 * stored message of its room exactly once and in id order.
 */
public final class Failover {

    private static final PrintStream OUT = System.out;

    private final String url;
    private int roomCount;
    private final Random random = new Random(42);
    private final List<Member> members = new ArrayList<>();
    private final Map<String, Set<Long>> acked = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> newestAcked = new ConcurrentHashMap<>();
    /** "room/name" of a ghost → observer index → when it saw the ghost leave (ns). */
    private final Map<String, Map<Integer, Long>> leaves = new ConcurrentHashMap<>();
    private final AtomicLong refusedSends = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean traffic;

    private Failover(String url) {
        this.url = url;
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        Options options = new Options(args);
        String url = options.text("url", "http://127.0.0.1:5000");
        if (!URI.create(url).getHost().equals("127.0.0.1") && !URI.create(url).getHost().equals("localhost")) {
            throw new IllegalArgumentException("only a loopback --url: " + url);
        }
        int clients = options.integer("clients", 300);
        int roomCount = options.integer("rooms", 10);
        int kills = options.integer("kills", 10);
        int nodes = options.integer("nodes", 3);
        double rate = options.decimal("rate", 30);  // messages per second, all clients together
        String pidFile = options.text("pid-file", "target/failover/node-%d.pid");
        String startCommand = options.text("start-command", "tools/cluster.sh start %d");
        long roundTimeoutMs = options.integer("round-seconds", 40) * 1000L;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(options.integer("max-minutes", 20));

        Failover bench = new Failover(url);
        bench.roomCount = roomCount;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<String> rooms = Rooms.created(http, url, options.text("admin-password", null), roomCount);
        OkHttpClient okhttp = okhttp();
        bench.connect(okhttp, rooms, clients, deadline);
        OUT.printf("failover: %d clients joined %d rooms through %s%n", clients, roomCount, url);

        ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "failover-sender");
            t.setDaemon(true);
            return t;
        });
        long periodMicros = (long) (1_000_000 / rate);
        sender.scheduleAtFixedRate(bench::sendOne, periodMicros, periodMicros, TimeUnit.MICROSECONDS);
        bench.traffic = true;
        Thread.sleep(3_000);  // traffic flowing before the first kill

        List<Long> rejoin = new ArrayList<>();
        List<Long> caughtUp = new ArrayList<>();
        List<Long> presence = new ArrayList<>();
        int victims = 0;
        int notRejoined = 0;
        int notCaughtUp = 0;
        int ghostsNotSeenLeaving = 0;
        int roundsDone = 0;
        for (int round = 1; round <= kills && System.nanoTime() < deadline; round++) {
            int node = (round - 1) % nodes + 1;
            Round result = bench.killRound(round, node, Path.of(String.format(pidFile, node)), roundTimeoutMs);
            victims += result.victims;
            notRejoined += result.notRejoined;
            notCaughtUp += result.notCaughtUp;
            ghostsNotSeenLeaving += result.ghostsNotSeen;
            rejoin.addAll(result.rejoin);
            caughtUp.addAll(result.caughtUp);
            presence.addAll(result.presence);
            roundsDone++;
            restart(String.format(startCommand, node));
            bench.await(() -> false, 2_000);  // the node has announced itself to the others
        }
        bench.traffic = false;
        sender.shutdownNow();
        bench.await(() -> false, 3_000);  // the last acks come back, the last deliveries arrive
        Verdict verdict = bench.verify(http, rooms);
        long wrongViews = bench.wrongPresenceViews();

        OUT.println(summary("rejoin", rejoin));
        OUT.println(summary("caught_up", caughtUp));
        OUT.println(summary("presence", presence));
        // duplicated: copies a client gets twice that it did not ask for (live, or replayed at or below its
        // ultimo_id); out_of_order: a new id delivered live below one it had, or a hole a live delivery left.
        long duplicated = verdict.repeatsLive + verdict.repeatsUnrequested;
        long outOfOrder = verdict.lateLive + verdict.holes;
        OUT.printf("RESULT kills=%d killed_clients=%d not_rejoined=%d not_caught_up=%d ghosts_not_seen_leaving=%d"
                        + " presence_views_wrong=%d sent=%d acked=%d refused=%d refused_by_code=%s stored=%d lost=%d duplicated=%d"
                        + " out_of_order=%d repeats_live=%d repeats_unrequested=%d repeats_requested=%d late_live=%d live_holes=%d"
                        + " late_by_catch_up=%d missing_deliveries=%d stored_gaps=%d%n",
                roundsDone, victims, notRejoined, notCaughtUp, ghostsNotSeenLeaving, wrongViews, bench.sent.get(),
                verdict.acked, bench.refusedSends.get(), new java.util.TreeMap<>(bench.refusals), verdict.stored, verdict.lost,
                duplicated, outOfOrder, verdict.repeatsLive, verdict.repeatsUnrequested, verdict.repeatsRequested, verdict.lateLive,
                verdict.holes, verdict.lateByCatchUp, verdict.missing, verdict.gaps);
        for (Member member : bench.members) {
            member.socket.close();
        }
        boolean clean = verdict.lost == 0 && duplicated == 0 && outOfOrder == 0 && verdict.missing == 0
                && verdict.gaps == 0 && notRejoined == 0 && notCaughtUp == 0 && ghostsNotSeenLeaving == 0;
        if (wrongViews > 0) {
            // Reported, not failed: see docs/cluster.md ("Failover") on a reclaim racing the lease's expiry.
            OUT.printf("failover: %d members' view of who is online is wrong at the end%n", wrongViews);
        }
        System.exit(clean ? 0 : 1);
    }

    /** One client: its room, its current name, what it received. Its handlers run on the client's event thread. */
    private final class Member {
        final int index;
        final String room;
        final Socket socket;
        String name;
        String key;
        int incarnation;
        int joins;
        int joinRetries;
        final boolean reclaims;
        final Set<String> view = new HashSet<>();  // who is online in its room, as its events tell
        boolean joined;
        int liveInRound;              // live messages on any connection since the round began
        long lastLiveAt;              // when the last live message came (ns), 0 before any
        String engineAtJoin = "-";    // its Engine.IO sid (names the owner node) and transport when its last join was acked
        boolean everJoined;
        long contiguous;          // every id up to here received
        long highest;
        /** How each id it holds first came: the connection (1 = the first), live or replayed. */
        final Map<Long, Copy> seen = new HashMap<>();
        // Repeats: an id it already had (a real client drops it by id). Told apart by how it came.
        long repeatsLive;             // a live delivery of an id it had: the server's doing
        long repeatsRequested;        // replayed because the ultimo_id it sent was below it (it held ids past a hole)
        long repeatsUnrequested;      // replayed at or below the ultimo_id it sent: the server's doing
        long lateLive;                // a new id delivered live below the highest it had: out of order, the server's doing
        long lateByCatchUp;           // a hole's id filled by the replay of a rejoin (asked for by its ultimo_id)
        long holes;                   // a live delivery that skipped ids: the member missed messages live
        // the current connection (incremented on every connect)
        int connection;
        String sid = "-";
        long sentUltimoId = -1;       // -1: joined without ultimo_id
        long ackedPosition = -1;      // the join's ack: the room's position (ultimo_id) on that node
        long lastReplayed = -1;       // the newest id replayed (historico) on this connection
        boolean liveYet;              // a live message came on this connection
        long joinAckedAt;
        // the current round, if this client was killed in it
        long killedAt;
        long rejoinedAt;
        long caughtUpAt;
        long catchUpTarget;
        int round;
        String ghost;             // the name it left behind, when it came back under a new one

        Member(int index, String room, OkHttpClient http) {
            this.index = index;
            this.room = room;
            this.name = "m" + index;
            this.reclaims = index / roomCount % 2 == 0;  // half of each room
            IO.Options options = new IO.Options();
            options.forceNew = true;  // one connection per client, as separate browsers
            options.callFactory = http;
            options.webSocketFactory = http;
            this.socket = IO.socket(URI.create(url), options);
            socket.on(Socket.EVENT_CONNECT, args -> {
                synchronized (this) {
                    connection++;
                    sid = String.valueOf(socket.id());
                    sentUltimoId = -1;
                    ackedPosition = -1;
                    lastReplayed = -1;
                    liveYet = false;
                    joinAckedAt = 0;
                }
                join();
            });
            socket.on(Socket.EVENT_DISCONNECT, args -> disconnected());
            socket.on("mensagem_chat", args -> received((JSONObject) args[0]));
            socket.on("usuario_saiu", args -> left((JSONObject) args[0]));
            socket.on("usuario_entrou", args -> entered((JSONObject) args[0]));
        }

        synchronized void disconnected() {
            joined = false;
            if (round > 0 && killedAt == 0) {
                killedAt = currentKill;
            }
        }

        void join() {
            JSONObject request;
            synchronized (this) {
                joins++;
                request = new JSONObject().put("id_sala", room);
                if (everJoined) {
                    request.put("ultimo_id", contiguous);
                    sentUltimoId = contiguous;
                    // Even clients take their name back with chave_sessao; odd ones come back as someone new.
                    if (!reclaims) {
                        ghost = name;
                        incarnation++;
                        name = "m" + index + "r" + incarnation;
                    } else {
                        request.put("chave_sessao", key);
                    }
                }
                request.put("nome_usuario", name);
            }
            socket.emit("entrar", new Object[]{request}, args -> joinedAck((JSONObject) args[0]));
        }

        synchronized void joinedAck(JSONObject ack) {
            if (!ack.optBoolean("ok")) {
                OUT.printf("failover: client %d could not join %s as %s: %s%n", index, room, name, ack);
                if ("nome_em_uso".equals(ack.optString("codigo")) && joinRetries++ < 5) {
                    // Its own ghost (a connection that dropped before the ack came back) holds the name
                    // until its lease runs out: come back under a new one.
                    incarnation++;
                    name = "m" + index + "r" + incarnation;
                    JSONObject request = new JSONObject().put("id_sala", room).put("nome_usuario", name);
                    if (everJoined) {
                        request.put("ultimo_id", contiguous);
                        sentUltimoId = contiguous;
                    }
                    socket.emit("entrar", new Object[]{request}, args -> joinedAck((JSONObject) args[0]));
                }
                return;
            }
            joined = true;
            ackedPosition = ack.optLong("ultimo_id", -1);
            joinAckedAt = System.nanoTime();
            engineAtJoin = engineState(socket);
            key = ack.optString("chave_sessao", key);
            view.clear();
            var users = ack.optJSONArray("usuarios");
            for (int i = 0; users != null && i < users.length(); i++) {
                view.add(users.getString(i));
            }
            if (everJoined && killedAt != 0 && rejoinedAt == 0) {
                rejoinedAt = System.nanoTime();
                catchUpTarget = newestAcked.get(room).get();
                checkCaughtUp();
            }
            everJoined = true;
        }

        synchronized void received(JSONObject message) {
            if (!room.equals(message.optString("id_sala"))) {
                return;
            }
            long id = message.getLong("id");
            boolean replayed = message.optBoolean("historico");
            Copy copy = new Copy(connection, replayed, sentUltimoId);
            if (!replayed) {
                liveInRound++;
                lastLiveAt = System.nanoTime();
            }
            if (replayed) {
                lastReplayed = Math.max(lastReplayed, id);
            } else if (id > highest + 1 && connection > 0) {
                holes++;
                report("HOLE", id, copy, "missing=" + (highest + 1) + ".." + (id - 1));
            }
            Copy first = seen.putIfAbsent(id, copy);
            if (first != null) {
                if (!replayed) {
                    repeatsLive++;
                    report("REPEAT_LIVE", id, copy, "first=" + first);
                } else if (sentUltimoId >= 0 && id > sentUltimoId) {
                    repeatsRequested++;
                    if (repeatsRequested <= 3) {  // the first few per client: the pattern, not every line
                        report("REPEAT_REQUESTED", id, copy, "first=" + first);
                    }
                } else {
                    repeatsUnrequested++;
                    report("REPEAT_UNREQUESTED", id, copy, "first=" + first);
                }
                return;
            }
            if (id < highest) {
                if (replayed) {
                    lateByCatchUp++;
                    report("LATE_BY_CATCH_UP", id, copy, "highest=" + highest);
                } else {
                    lateLive++;
                    report("LATE_LIVE", id, copy, "highest=" + highest);
                }
            }
            if (!replayed) {
                liveYet = true;
            }
            highest = Math.max(highest, id);
            while (seen.containsKey(contiguous + 1)) {
                contiguous++;
            }
            checkCaughtUp();
        }

        /** One line per anomaly (bounded): who, which id, and how this copy came, on which connection and join. */
        private void report(String kind, long id, Copy copy, String more) {
            if (anomalyLines.incrementAndGet() > 2_000) {
                return;
            }
            OUT.printf("%s client=%d room=%s name=%s id=%d copy=%s %s sid=%s joins=%d ack_position=%d last_replayed=%d"
                            + " live_before=%b ms_since_join_ack=%s round=%d%n", kind, index, room, name, id, copy, more, sid, joins,
                    ackedPosition, lastReplayed, liveYet, joinAckedAt == 0 ? "-" : Long.toString(ms(System.nanoTime() - joinAckedAt)),
                    round);
        }

        private void checkCaughtUp() {
            if (rejoinedAt != 0 && caughtUpAt == 0 && contiguous >= catchUpTarget) {
                caughtUpAt = System.nanoTime();
            }
        }

        void left(JSONObject event) {
            String ghostKey = event.optString("id_sala") + "/" + event.optString("nome_usuario");
            leaves.computeIfAbsent(ghostKey, k -> new ConcurrentHashMap<>()).putIfAbsent(index, System.nanoTime());
            synchronized (this) {
                if (room.equals(event.optString("id_sala"))) {
                    view.remove(event.optString("nome_usuario"));
                }
            }
        }

        synchronized void entered(JSONObject event) {
            if (room.equals(event.optString("id_sala"))) {
                view.add(event.optString("nome_usuario"));
            }
        }

        synchronized void startRound(int round) {
            this.round = round;
            killedAt = 0;
            liveInRound = 0;
            rejoinedAt = 0;
            caughtUpAt = 0;
            ghost = null;
        }
    }

    private volatile long currentKill;
    private final AtomicLong anomalyLines = new AtomicLong();
    /** Why sends were refused, by codigo. */
    private final Map<String, AtomicLong> refusals = new ConcurrentHashMap<>();

    /** How a client got one copy of a message: on its n-th connection, live or replayed, after sending that ultimo_id. */
    record Copy(int connection, boolean replayed, long ultimoId) {
        @Override
        public String toString() {
            return (replayed ? "historico" : "live") + "@conn" + connection + (ultimoId >= 0 ? "(ultimo_id=" + ultimoId + ")" : "");
        }
    }

    private void connect(OkHttpClient http, List<String> rooms, int clients, long deadline) throws InterruptedException {
        for (int i = 0; i < clients; i++) {
            String room = rooms.get(i % rooms.size());
            acked.putIfAbsent(room, ConcurrentHashMap.newKeySet());
            newestAcked.putIfAbsent(room, new AtomicLong());
            Member member = new Member(i, room, http);
            members.add(member);
            member.socket.connect();
            if (i % 20 == 19) {
                int upTo = i;
                await(() -> members.stream().limit(upTo + 1).allMatch(m -> m.everJoined), 30_000);
            }
        }
        if (!await(() -> members.stream().allMatch(m -> m.everJoined), Math.min(60_000, remaining(deadline)))) {
            throw new IllegalStateException(members.stream().filter(m -> !m.everJoined).count() + " clients did not join");
        }
    }

    private void sendOne() {
        if (!traffic) {
            return;
        }
        Member member = members.get(random.nextInt(members.size()));
        JSONObject message;
        synchronized (member) {
            if (!member.joined) {
                return;
            }
            message = new JSONObject().put("id_sala", member.room).put("mensagem", "failover " + sent.incrementAndGet());
        }
        String room = member.room;
        member.socket.emit("mensagem_chat", new Object[]{message}, args -> {
            JSONObject ack = (JSONObject) args[0];
            if (ack.optBoolean("ok")) {
                long id = ack.getLong("id");
                acked.get(room).add(id);
                newestAcked.get(room).accumulateAndGet(id, Math::max);
            } else {
                refusedSends.incrementAndGet();
                refusals.computeIfAbsent(ack.optString("codigo", "?"), c -> new AtomicLong()).incrementAndGet();
            }
        });
    }

    private record Round(int victims, int notRejoined, int notCaughtUp, int ghostsNotSeen, List<Long> rejoin, List<Long> caughtUp,
                         List<Long> presence) {
    }

    private Round killRound(int round, int node, Path pidFile, long timeoutMs) throws IOException, InterruptedException {
        for (Member member : members) {
            member.startRound(round);
        }
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty()) {
            throw new IllegalStateException("node-" + node + " (pid " + pid + ") is not running");
        }
        currentKill = System.nanoTime();
        long killedAt = currentKill;
        process.get().destroyForcibly();  // SIGKILL
        // Its clients notice at once (their connection closes); wait for them all to be back.
        await(() -> false, 1_000);
        await(() -> {
            List<Member> now = victimsOf(killedAt);
            return now.stream().allMatch(m -> m.caughtUpAt != 0) && ghostsGone(now);
        }, timeoutMs);
        List<Member> victims = victimsOf(killedAt);
        long roundMs = ms(System.nanoTime() - killedAt);
        List<Long> rejoin = new ArrayList<>();
        List<Long> caughtUp = new ArrayList<>();
        List<Long> presence = new ArrayList<>();
        int notRejoined = 0;
        int notCaughtUp = 0;
        int ghostsNotSeen = 0;
        for (Member victim : victims) {
            synchronized (victim) {
                String presenceText = "-";
                if (victim.ghost != null) {
                    long seenBy = lastObserver(victim.room + "/" + victim.ghost, victims);
                    if (seenBy == NOBODY_TO_SEE) {
                        presenceText = "unobserved";  // every member of its room was killed with it
                    } else if (seenBy == 0) {
                        ghostsNotSeen++;
                        Map<Integer, Long> seen = leaves.getOrDefault(victim.room + "/" + victim.ghost, Map.of());
                        presenceText = "never(not_seen_by=" + members.stream().filter(m -> m.room.equals(victim.room) && !victims.contains(m)
                                && !seen.containsKey(m.index)).map(m -> m.index + (m.joined ? "" : "-unjoined") + observerState(m, victim.ghost))
                                .toList() + ")";
                    } else {
                        presence.add(ms(seenBy - killedAt));
                        presenceText = Long.toString(ms(seenBy - killedAt));
                    }
                }
                if (victim.rejoinedAt == 0) {
                    notRejoined++;
                } else {
                    rejoin.add(ms(victim.rejoinedAt - killedAt));
                }
                if (victim.caughtUpAt == 0) {
                    notCaughtUp++;
                } else {
                    caughtUp.add(ms(victim.caughtUpAt - killedAt));
                }
                OUT.printf("KILLED round=%d node=%d client=%d room=%s rejoin_ms=%s caught_up_ms=%s presence_ms=%s entrar=%d%n", round, node,
                        victim.index, victim.room, victim.rejoinedAt == 0 ? "never" : ms(victim.rejoinedAt - killedAt),
                        victim.caughtUpAt == 0 ? "never" : ms(victim.caughtUpAt - killedAt), presenceText, victim.joins);
            }
        }
        for (Member m : members) {
            synchronized (m) {
                if (!victims.contains(m) && m.joined && m.liveInRound == 0) {
                    OUT.printf("DEAF round=%d node=%d client=%d room=%s name=%s joins=%d conn=%d%s%n", round, node, m.index, m.room,
                            m.name, m.joins, m.connection, liveState(m));
                }
            }
        }
        OUT.printf("ROUND round=%d node=%d round_ms=%d killed_clients=%d rejoin_max_ms=%d caught_up_max_ms=%d presence_max_ms=%d"
                        + " not_rejoined=%d not_caught_up=%d ghosts_not_seen_leaving=%d%n", round, node, roundMs, victims.size(),
                max(rejoin), max(caughtUp), max(presence), notRejoined, notCaughtUp, ghostsNotSeen);
        return new Round(victims.size(), notRejoined, notCaughtUp, ghostsNotSeen, rejoin, caughtUp, presence);
    }

    /**
     * Why an observer may not have seen a ghost leave: whether its view still holds the ghost (it
     * had it and was not told), its joins and connections, and how long ago its last join was acked.
     */
    private static String observerState(Member m, String ghost) {
        synchronized (m) {
            return "(" + (m.view.contains(ghost) ? "holds" : "lacks") + " joins=" + m.joins + " conn=" + m.connection
                    + " since_ack_ms=" + (m.joinAckedAt == 0 ? "-" : Long.toString(ms(System.nanoTime() - m.joinAckedAt)))
                    + liveState(m) + ")";
        }
    }

    /** Whether a member heard its room live this round, and the Engine.IO session (owner node's tag in the sid) it joined on and has now. */
    private static String liveState(Member m) {
        return " live_in_round=" + m.liveInRound + " last_live_ms_ago=" + (m.lastLiveAt == 0 ? "-" : Long.toString(ms(System.nanoTime() - m.lastLiveAt)))
                + " engine_at_join=" + m.engineAtJoin + " engine_now=" + engineState(m.socket);
    }

    /** The client's Engine.IO sid and transport (read by reflection: the client keeps them package-private). */
    private static String engineState(Socket socket) {
        try {
            java.lang.reflect.Field field = io.socket.client.Manager.class.getDeclaredField("engine");
            field.setAccessible(true);
            io.socket.engineio.client.Socket engine = (io.socket.engineio.client.Socket) field.get(socket.io());
            if (engine == null) {
                return "none";
            }
            java.lang.reflect.Field transportField = io.socket.engineio.client.Socket.class.getDeclaredField("transport");
            transportField.setAccessible(true);
            io.socket.engineio.client.Transport transport = (io.socket.engineio.client.Transport) transportField.get(engine);
            return engine.id() + "/" + (transport == null ? "-" : transport.name);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "?";
        }
    }

    private List<Member> victimsOf(long killedAt) {
        return members.stream().filter(m -> {
            synchronized (m) {
                return m.killedAt == killedAt;
            }
        }).toList();
    }

    private boolean ghostsGone(List<Member> victims) {
        for (Member victim : victims) {
            String ghost;
            synchronized (victim) {
                if (victim.rejoinedAt == 0) {
                    return false;
                }
                ghost = victim.ghost;
            }
            if (ghost != null && lastObserver(victim.room + "/" + ghost, victims) == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * When the last member of the ghost's room on a surviving node saw it leave; 0 while one has not;
     * {@link #NOBODY_TO_SEE} when every member of the room was killed in this round (nothing to measure).
     */
    private long lastObserver(String ghostKey, List<Member> victims) {
        String room = ghostKey.substring(0, ghostKey.indexOf('/'));
        Map<Integer, Long> seen = leaves.getOrDefault(ghostKey, Map.of());
        long last = 0;
        boolean observers = false;
        for (Member member : members) {
            if (member.room.equals(room) && !victims.contains(member)) {
                observers = true;
                Long at = seen.get(member.index);
                if (at == null) {
                    return 0;
                }
                last = Math.max(last, at);
            }
        }
        return observers ? last : NOBODY_TO_SEE;
    }

    private static final long NOBODY_TO_SEE = -1;

    /** The state of the client a name ("m<index>" or "m<index>r<n>") belongs to: why the others may still see it. */
    private String whoHad(String name) {
        Matcher matcher = Pattern.compile("m(\\d+)(r\\d+)?").matcher(name);
        if (!matcher.matches() || Integer.parseInt(matcher.group(1)) >= members.size()) {
            return "?";
        }
        Member m = members.get(Integer.parseInt(matcher.group(1)));
        synchronized (m) {
            return m.index + " (now " + m.name + (m.joined ? " joined" : " not joined") + (m.socket.connected() ? " connected" : " disconnected")
                    + " joins=" + m.joins + " conn=" + m.connection + " since_ack_ms="
                    + (m.joinAckedAt == 0 ? "-" : Long.toString(ms(System.nanoTime() - m.joinAckedAt))) + liveState(m) + ")";
        }
    }

    /**
     * Members whose view of their room (its {@code usuarios} at join, then {@code usuario_entrou} /
     * {@code usuario_saiu}) is not who is really in it: a reclaimed name swept after its owner came
     * back, or a dead node's member never seen leaving, shows here.
     */
    private long wrongPresenceViews() {
        Map<String, Set<String>> online = new HashMap<>();
        for (Member member : members) {
            synchronized (member) {
                if (member.joined) {
                    online.computeIfAbsent(member.room, r -> new HashSet<>()).add(member.name);
                }
            }
        }
        long wrong = 0;
        for (Member member : members) {
            synchronized (member) {
                Set<String> expected = online.getOrDefault(member.room, Set.of());
                if (member.joined && !member.view.equals(expected)) {
                    if (wrong++ < 5) {
                        Set<String> extra = new HashSet<>(member.view);
                        extra.removeAll(expected);
                        Set<String> lacking = new HashSet<>(expected);
                        lacking.removeAll(member.view);
                        OUT.printf("failover: client %d sees %s online who are not, and not %s who are%n", member.index, extra, lacking);
                        for (String name : extra) {
                            OUT.printf("failover:   %s is client %s%n", name, whoHad(name));
                        }
                    }
                }
            }
        }
        return wrong;
    }

    /**
     * {@code repeats*} are copies of ids a client already held (a real client drops them by id):
     * {@code requested} ones it asked for itself (a rejoin's ultimo_id below ids it held past a hole),
     * the others the server sent on its own. {@code lateLive}: a new id delivered live below one it
     * had; {@code lateByCatchUp}: a hole filled by a rejoin's replay; {@code holes}: live deliveries
     * that skipped ids.
     */
    private record Verdict(long acked, long stored, long lost, long repeatsLive, long repeatsRequested, long repeatsUnrequested,
                           long lateLive, long lateByCatchUp, long holes, long missing, long gaps) {
    }

    private Verdict verify(HttpClient http, List<String> rooms) throws IOException, InterruptedException {
        long ackedCount = 0;
        long storedCount = 0;
        long lost = 0;
        long gaps = 0;
        long missing = 0;
        Map<String, List<Long>> storedByRoom = new HashMap<>();
        for (String room : rooms) {
            List<Long> stored = storedIds(http, room);
            storedByRoom.put(room, stored);
            storedCount += stored.size();
            Set<Long> storedSet = new HashSet<>(stored);
            for (long id : acked.get(room)) {
                ackedCount++;
                if (!storedSet.contains(id)) {
                    lost++;
                }
            }
            for (int i = 0; i < stored.size(); i++) {
                if (stored.get(i) != i + 1) {
                    gaps++;
                }
            }
        }
        // Every client joined its room before the first message: it must have received them all, once, in order.
        long repeatsLive = 0;
        long repeatsRequested = 0;
        long repeatsUnrequested = 0;
        long lateLive = 0;
        long lateByCatchUp = 0;
        long holes = 0;
        for (Member member : members) {
            synchronized (member) {
                repeatsLive += member.repeatsLive;
                repeatsRequested += member.repeatsRequested;
                repeatsUnrequested += member.repeatsUnrequested;
                lateLive += member.lateLive;
                lateByCatchUp += member.lateByCatchUp;
                holes += member.holes;
                for (long id : storedByRoom.get(member.room)) {
                    if (!member.seen.containsKey(id)) {
                        missing++;
                    }
                }
                for (long id : member.seen.keySet()) {
                    if (!storedByRoom.get(member.room).contains(id)) {
                        missing++;  // received but not stored: as bad as a loss
                    }
                }
            }
        }
        return new Verdict(ackedCount, storedCount, lost, repeatsLive, repeatsRequested, repeatsUnrequested, lateLive, lateByCatchUp,
                holes, missing, gaps);
    }

    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

    private List<Long> storedIds(HttpClient http, String room) throws IOException, InterruptedException {
        List<Long> ids = new ArrayList<>();
        for (int page = 0; page < 10_000; page++) {
            long after = ids.isEmpty() ? 0 : ids.get(ids.size() - 1);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create(url + "/api/salas/" + room + "/mensagens?depois=" + after + "&limite=100")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("messages of " + room + ": " + response.statusCode() + " " + response.body());
            }
            JSONObject body = new JSONObject(response.body());
            var messages = body.getJSONArray("mensagens");
            for (int i = 0; i < messages.length(); i++) {
                ids.add(messages.getJSONObject(i).getLong("id"));
            }
            if (!body.optBoolean("mais") || messages.length() == 0) {
                return ids;
            }
        }
        throw new IllegalStateException("too many pages of messages in " + room);
    }

    private static void restart(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-c", command).inheritIO().start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the start command did not finish in 120 s: " + command);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("the start command failed (" + process.exitValue() + "): " + command);
        }
    }

    private static OkHttpClient okhttp() {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(10_000);  // every client holds a long-poll at times: OkHttp's default is 5 per host
        dispatcher.setMaxRequestsPerHost(10_000);
        return new OkHttpClient.Builder().dispatcher(dispatcher).readTimeout(1, TimeUnit.MINUTES).build();
    }

    private boolean await(BooleanSupplier condition, long timeoutMs) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }

    private static long remaining(long deadline) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static long max(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).max().orElse(-1);
    }

    /** {@code FAILOVER measure=… count=… min=… p50=… p90=… p99=… max=…} (ms, nearest rank). */
    static String summary(String measure, List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return "FAILOVER measure=" + measure + " count=0";
        }
        return String.format("FAILOVER measure=%s count=%d min_ms=%d p50_ms=%d p90_ms=%d p99_ms=%d max_ms=%d", measure, sorted.size(),
                sorted.get(0), rank(sorted, 50), rank(sorted, 90), rank(sorted, 99), sorted.get(sorted.size() - 1));
    }

    static long rank(List<Long> sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
