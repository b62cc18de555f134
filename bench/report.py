"""Turns the load tool's RESULT lines into docs/benchmarks.md and its charts (docs/benchmarks-*.svg).

Usage: python3 bench/report.py bench/results/<run>.txt [<later run>.txt ...] > docs/benchmarks.md
BENCH_DOCS=<dir> writes the charts there instead of docs/ (the tests do).
A later file's result for the same server and workload replaces an earlier one (a workload rerun alone).
The analysis text that explains the numbers lives in bench/analysis.md and is appended as is.
"""
import os
import platform
import subprocess
import sys

NAMES = {"webtalk": "WebTalk (SQLite, persistence on)", "node": "Node.js socket.io 4.8", "uws": "socket.io 4.8 on uWebSockets.js",
         "netty": "netty-socketio 2.0.13", "flask": "Flask-SocketIO + eventlet (original stack)"}
COLORS = {"webtalk": "#0d6efd", "node": "#198754", "uws": "#fd7e14", "netty": "#6f42c1", "flask": "#dc3545"}


def name(label):
    return NAMES.get(label, label)


def order(label):
    """Servers in the order of NAMES, unknown labels last."""
    return list(NAMES).index(label) if label in NAMES else len(NAMES)


def curve(text):
    """A RESULT curve ("3,0,12" or "1.20,-,3.40") as numbers, None for an empty window ("-")."""
    return [None if v == "-" else float(v) for v in text.split(",")] if text else []


def legend(servers, bottom, width):
    """Colour keys under a chart, spaced by the names' lengths, wrapped into rows that end at y = bottom."""
    rows, row, x = [], [], 60
    for server in servers:
        size = 24 + 7 * len(name(server))
        if row and x + size > width:
            rows.append(row)
            row, x = [], 60
        row.append((x, server))
        x += size
    rows.append(row)
    out = []
    for i, row in enumerate(rows):
        y = bottom - 16 * (len(rows) - 1 - i)
        for x, server in row:
            out.append('<rect x="%d" y="%d" width="10" height="10" fill="%s"/><text x="%d" y="%d">%s</text>'
                       % (x, y - 9, COLORS.get(server, "#333"), x + 14, y, name(server)))
    return out


def line_svg(title, series, x_label, y_label, width=800, height=340):
    """A line chart: {server: [(x, y or None), ...]}; a None y breaks the line (an empty window)."""
    left, right, top_margin, bottom = 60, 20, 30, 76
    points = [(x, y) for line in series.values() for x, y in line if y is not None]
    x_max = max((x for x, _ in points), default=1) or 1
    y_max = (max((y for _, y in points), default=1) or 1) * 1.1
    plot_w, plot_h = width - left - right, height - top_margin - bottom

    def px(x):
        return left + plot_w * x / x_max

    def py(y):
        return top_margin + plot_h * (1 - y / y_max)

    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="12">' % (width, height)]
    out.append('<text x="%d" y="16" font-weight="bold">%s</text>' % (left, title))
    out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333"/>' % (left, top_margin + plot_h, width - right, top_margin + plot_h))
    out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333"/>' % (left, top_margin, left, top_margin + plot_h))
    for i in range(5):
        y = y_max * i / 4
        out.append('<text x="%d" y="%.1f" text-anchor="end">%s</text>' % (left - 4, py(y) + 4, "{:,.0f}".format(y) if y_max > 20 else "%.1f" % y))
        x = x_max * i / 4
        out.append('<text x="%.1f" y="%d" text-anchor="middle">%s</text>' % (px(x), top_margin + plot_h + 16, "%g" % round(x, 1)))
    out.append('<text x="%d" y="%d" text-anchor="middle">%s</text>' % (left + plot_w / 2, top_margin + plot_h + 32, x_label))
    out.append('<text x="12" y="%d" transform="rotate(-90 12 %d)" text-anchor="middle">%s</text>'
               % (top_margin + plot_h / 2, top_margin + plot_h / 2, y_label))
    for server, line in series.items():
        segment = []
        for x, y in line + [(None, None)]:
            if y is None:
                if len(segment) == 1:
                    out.append('<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>' % (segment[0][0], segment[0][1], COLORS.get(server, "#333")))
                elif segment:
                    out.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>'
                               % (COLORS.get(server, "#333"), " ".join("%.1f,%.1f" % p for p in segment)))
                segment = []
            else:
                segment.append((px(x), py(y)))
    out.extend(legend(list(series), height - 4, width))
    out.append("</svg>")
    return "\n".join(out)


def key(r):
    """Which measurement a result is: the same key in a later file replaces it."""
    return tuple(r.get(k) for k in ("label", "mode", "clients", "rooms", "target_deliveries_per_s", "outstanding", "in_flight", "connect_first"))


def lines(paths):
    """Every line of the results files, in order."""
    for path in paths:
        with open(path, encoding="utf-8") as f:
            yield from f


def parse(paths):
    results = {}
    for line in lines(paths):
        if line.startswith("RESULT "):
            r = dict(part.split("=", 1) for part in line.split()[1:])
            results[key(r)] = r
    return list(results.values())


def webtalk_javas(paths):
    """The JVMs WebTalk ran on, as run-all.sh recorded them (`java -version`'s first line), each once."""
    return list(dict.fromkeys(line.split(": ", 1)[1].strip() for line in lines(paths) if line.startswith("# webtalk-java: ")))


def cpu_model():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def workload(r):
    """The chat workload a RESULT line measured: (clients, rooms, senders, target rate)."""
    return (int(r["clients"]), int(r["rooms"]), int(r.get("senders", 0)), float(r["target_deliveries_per_s"]))


def workload_label(w):
    return "%s clients, %s/s" % ("{:,}".format(w[0]), "{:,.0f}".format(w[3]))


def svg(chat):
    """A grouped bar chart: server CPU seconds per million deliveries, per server and workload."""
    rates = sorted({workload(r) for r in chat}, key=lambda w: (-w[0], w[3]))
    servers = sorted({r["label"] for r in chat}, key=order)
    width, height, left, bottom = 900, 340, 60, 56
    values = {(r["label"], workload(r)): float(r["cpu_s_per_million"]) for r in chat}
    top = max(values.values()) * 1.15 if values else 1
    group = (width - left - 20) / max(1, len(rates))
    bar = group / (len(servers) + 1)
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="12">' % (width, height)]
    out.append('<text x="%d" y="16" font-weight="bold">Server CPU seconds per million deliveries (lower is better)</text>' % left)
    out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333"/>' % (left, height - bottom, width - 10, height - bottom))
    for i, rate in enumerate(rates):
        x0 = left + i * group + bar / 2
        for j, server in enumerate(servers):
            v = values.get((server, rate))
            if v is None:
                continue
            h = (height - bottom - 30) * v / top
            x = x0 + j * bar
            out.append('<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>' % (x, height - bottom - h, bar * 0.9, h, COLORS.get(server, "#333")))
            out.append('<text x="%.1f" y="%.1f" text-anchor="middle">%.1f</text>' % (x + bar * 0.45, height - bottom - h - 4, v))
        out.append('<text x="%.1f" y="%d" text-anchor="middle">%s</text>' % (left + i * group + group / 2, height - bottom + 16, workload_label(rate)))
    out.extend(legend(servers, height - 4, width))
    out.append("</svg>")
    return "\n".join(out)


def table(columns, rows):
    """A Markdown table."""
    print("| %s |" % " | ".join(columns))
    print("|%s" % ("---|" * len(columns)))
    for row in rows:
        print("| %s |" % " | ".join(str(cell) for cell in row))


def bucket_series(results, field, cumulative):
    """{server: [(seconds at each bucket's end, value)]} from a count-per-bucket curve: per second, or summed so far."""
    series = {}
    for r in sorted(results, key=lambda r: order(r["label"])):
        width, total, line = float(r["bucket_ms"]) / 1000, 0, []
        for i, v in enumerate(curve(r[field])):
            total += v
            line.append(((i + 1) * width, total if cumulative else v / width))
        series[r["label"]] = line
    return series


def join_section(joins, docs):
    print("## Join storm\n")
    print("Rooms of 100; each join also tells the room's members (`usuario_entrou`). *Connect and join*: every client"
          " connects and sends `entrar` the moment it is connected (at most 200 handshakes in flight from the load tool),"
          " timed from the first connection attempt. *Joins alone*: every connection is opened first, then all the"
          " `entrar` are sent at once, timed from the first one sent. Joins/s: joined / all joined s; peak: the best"
          " 100 ms. CPU is the server's over the timed part.\n")
    together = [r for r in joins if r.get("connect_first") != "true"]
    alone = [r for r in joins if r.get("connect_first") == "true"]
    table(["server", "clients / rooms", "timed", "joined", "failed connections", "all connected s", "all joined s", "joins/s",
           "peak joins/s", "server CPU ms per join", "RSS MiB"],
          [[name(r["label"]), "%s / %s" % (r["clients"], r["rooms"]), "joins alone" if r in alone else "connect and join", r["joined"],
            r.get("failed_connections", "–"), r["connected_s"], "**%s**" % r["all_joined_s"], "**%s**" % r["joins_per_s"],
            r["peak_joins_per_s"], r["server_cpu_ms_per_join"], r["rss_mb"]]
           for r in sorted(joins, key=lambda r: (-int(r["clients"]), r in alone, order(r["label"])))])
    if together:
        chart(docs, "benchmarks-joins.svg", "Joins per second while clients connect and join",
              line_svg("Join storm, connect and join: joins per second (per 100 ms)", bucket_series(together, "joins_per_bucket", cumulative=False),
                       "seconds since the first connection attempt", "joins/s"))
    if alone:
        chart(docs, "benchmarks-joins-alone.svg", "Joins per second, connections open first",
              line_svg("Join storm, joins alone: joins per second (per 100 ms)", bucket_series(alone, "joins_per_bucket", cumulative=False),
                       "seconds since the first entrar", "joins/s"))


def reconnect_section(storms, docs):
    print("## Reconnect storm\n")
    print("Clients joined in rooms of 100, the first member of each sending 2 messages/s; the load tool stops the server"
          " (SIGTERM) and run-all.sh starts it again at once on the same data. Every client comes back as socket.io-client"
          " does by default (first retry after 0.5–1.5 s, doubling up to 5 s, ±50 % jitter) and sends `entrar` with"
          " `ultimo_id`, the last id up to which it saw every message. **Caught up**: the join acknowledged and every"
          " message up to the ack's `ultimo_id` (the room's newest) received, live or replayed. The peers keep no"
          " messages and send no ids: for them caught up means rejoined. Times from the stop; *restart* is until the first"
          " client is connected again (the server's own stop and start), *storm* from then until the last one caught up."
          " Gaps: clients missing a message at the end (must be 0).\n")
    table(["server", "clients / rooms", "caught up", "restart s", "all caught up s", "storm s", "clients with gaps", "connection attempts"],
          [[name(r["label"]), "%s / %s" % (r["clients"], r["rooms"]), r["caught_up"], r["restart_s"], "**%s**" % r["all_caught_up_s"],
            "**%s**" % r["storm_s"], r["clients_with_gaps"], r["attempts"]] for r in sorted(storms, key=lambda r: order(r["label"]))])
    chart(docs, "benchmarks-reconnect.svg", "Clients caught up after the restart",
          line_svg("Reconnect storm: clients caught up", bucket_series(storms, "caught_up_per_bucket", cumulative=True),
                   "seconds since the server was stopped", "clients"))


def cold_section(colds, docs):
    print("## Cold start\n")
    print("A freshly started server, 1,000 clients in 10 rooms at 40k deliveries/s from the moment they have joined until"
          " a minute after the server's launch: p99 latency of the messages sent in each 5 s window after the launch"
          " (– : no messages yet, the clients were connecting and joining). WebTalk starts as `bin/webtalk` does, with the"
          " class-data archive (on Java 25, the ahead-of-time cache) that its untimed first start of the run wrote at its"
          " stop, after serving a join storm and 20 s of chat.\n")
    windows = max((len(curve(r["p99_ms_per_window"])) for r in colds), default=0)
    width = int(colds[0]["window_s"]) if colds else 5
    print("| server | joined after launch s | %s | p99 ms overall | lost |" % " | ".join("%d–%d s" % (i * width, (i + 1) * width) for i in range(windows)))
    print("|---|---|%s---|---|" % ("---|" * windows))
    series = {}
    for r in sorted(colds, key=lambda r: order(r["label"])):
        values = curve(r["p99_ms_per_window"])
        print("| %s | %s | %s | %s | %s |" % (name(r["label"]), r["joined_after_launch_s"],
              " | ".join("–" if v is None else "%.1f" % v for v in values), r["p99_ms"], r["lost"]))
        series[r["label"]] = [((i + 1) * width, v) for i, v in enumerate(values)]
    chart(docs, "benchmarks-cold.svg", "p99 per window after the start",
          line_svg("Cold start: p99 latency per 5 s window at 40k deliveries/s", series,
                   "seconds since the server's launch (end of window)", "p99 ms"))


def memory_section(chat):
    active = [r for r in chat if r["clients"] == "1000" and r.get("rss_peak_mb")]
    if not active:
        return
    print("## Memory at 1,000 active clients\n")
    print("The server's resident memory during the fan-out runs above (1,000 clients, 10 rooms): at the end of the"
          " measurement window and the highest of the samples taken every 2 s. WebTalk runs with the distribution's"
          " default JVM settings (`bin/webtalk`: `-Xmx256m` (`WEBTALK_HEAP`), serial GC, class-data sharing or, on Java 25,"
          " its ahead-of-time cache; WebTalk's own classes at a tenth of the JIT's compile thresholds).\n")
    table(["server", "deliveries/s", "RSS MiB at the end", "peak RSS MiB"],
          [[name(r["label"]), r["target_deliveries_per_s"], r["rss_mb"], "**%s**" % r["rss_peak_mb"]]
           for r in sorted(active, key=lambda r: (order(r["label"]), float(r["target_deliveries_per_s"])))])
    print()


def chart(docs, file, alt, svg_text):
    """Writes a chart beside the page and shows it there."""
    write(docs, file, svg_text)
    print("\n![%s](%s)\n" % (alt, file))


def write(docs, file, text):
    with open(os.path.join(docs, file), "w", encoding="utf-8") as f:
        f.write(text)


def main():
    paths = sys.argv[1:]
    results = parse(paths)
    javas = webtalk_javas(paths)
    path = ", ".join("`%s`" % p for p in paths)
    by_mode = {}
    for r in results:
        by_mode.setdefault(r["mode"], []).append(r)
    chat, idle, store, store_only = (by_mode.get(m, []) for m in ("chat", "idle", "store", "store-only"))
    docs = os.environ.get("BENCH_DOCS") or os.path.join(os.path.dirname(__file__), "..", "docs")
    write(docs, "benchmarks-cpu.svg", svg(chat))
    cores = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    peers = [name(s) for s in sorted({r.get("label", "webtalk") for r in results}, key=order) if s != "webtalk"]
    print("# Benchmarks\n")
    print("Produced by `bench/run-all.sh` (raw lines: %s), on %s cores of %s. Every server runs pinned to CPU 0"
          " (`taskset -c 0`), the load tool (bench/, Java) on CPU 1, all on loopback. WebTalk stores every message"
          " in SQLite before broadcasting it; the peers (%s) keep nothing.%s\n" % (path, cores, cpu_model(), ", ".join(peers) or "none",
          " WebTalk ran on %s." % " / ".join(javas) if javas else ""))
    print("## Fan-out, open loop\n")
    print("1,000 clients in 10 rooms with 2 senders per room (each connection receives 10 or 40 messages/s), and a busy"
          " room of 100 clients with 20 senders (each connection receives 1,000 messages/s). CPU is the server's, in the"
          " measurement window (the RESULT lines also split it into user and kernel time, but this virtual machine's"
          " tick-based accounting moves seconds between the two from run to run, so only the sum is compared). The load"
          " tool's own CPU in the window is the last column: a tool near 100 % of its core would add its own queueing"
          " to every latency it measures.\n")
    print("| server | clients / rooms / senders | target deliveries/s | delivered/s | p50 ms | p99 ms | max ms | lost |"
          " server CPU-s per million deliveries | server RSS MiB | load tool's CPU % |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in sorted(chat, key=lambda r: (-int(r["clients"]), order(r["label"]), float(r["target_deliveries_per_s"]))):
        print("| %s | %s / %s / %s | %s | %s | %s | %s | %s | %s | **%s** | %s | %s |" % (name(r["label"]),
              r["clients"], r["rooms"], r.get("senders", "?"), r["target_deliveries_per_s"], r["deliveries_per_s"], r["p50_ms"],
              r["p99_ms"], r["max_ms"], r["lost"], r["cpu_s_per_million"], r["rss_mb"], r.get("tool_cpu_pct", "–")))
    print("\n![CPU per million deliveries](benchmarks-cpu.svg)\n")
    memory_section(chat)
    if by_mode.get("join"):
        join_section(by_mode["join"], docs)
    if by_mode.get("reconnect"):
        reconnect_section(by_mode["reconnect"], docs)
    if by_mode.get("cold"):
        cold_section(by_mode["cold"], docs)
    if idle:
        print("## Idle connections: memory per connection\n")
        table(["server", "connections", "open at the end", "RSS before MiB", "RSS after MiB", "kB per connection"],
              [[name(r["label"]), r["connections"], r["open_at_end"], r["rss_before_mb"], r["rss_after_mb"], r["kb_per_connection"]]
               for r in sorted(idle, key=lambda r: order(r["label"]))])
    if store or store_only:
        print("\n## SQLite write throughput (store before ack)\n")
    if store:
        table(["server", "sender connections", "acks in flight each", "stored", "stored/s", "refused", "server CPU µs per message",
               "stored/s per server core"],
              [[name(r["label"]), r["clients"], r["outstanding"], r["stored"], r["stored_per_s"], r["refused"],
                r.get("server_cpu_us_per_message") or "–",
                "{:,.0f}".format(1e6 / float(r["server_cpu_us_per_message"])) if r.get("server_cpu_us_per_message") else "–"]
               for r in store])
    for r in store_only:
        print("\nThe store alone (`webtalk.store.StoreThroughput`, no sockets, producer on the same core):"
              " %s messages, %s in flight, **%s committed/s**." % (r["messages"], r["in_flight"], r["committed_per_s"]))
    analysis = os.path.join(os.path.dirname(__file__), "analysis.md")
    if os.path.exists(analysis):
        print()
        print(open(analysis, encoding="utf-8").read())
    print("## How to reproduce\n")
    print("```sh\nbench/run-all.sh 20      # rewrites this page and docs/benchmarks-*.svg\n```")
    if len(paths) > 1:
        print("This page combines runs: a later file's result for the same server and workload replaces the"
              " earlier one, as made by `BENCH_SERVERS=\"webtalk node\" BENCH_WORKLOADS=busy bench/run-all.sh 20` then"
              " `python3 bench/report.py %s > docs/benchmarks.md`." % " ".join(paths))
    print("See bench/README.md for the load tool's options and single runs. Results vary by ±20 % between"
          " runs on this shared 2-core virtual machine; earlier runs are kept in bench/results/.")


if __name__ == "__main__":
    main()
