"""Turns the load tool's RESULT lines into docs/benchmarks.md and docs/benchmarks-cpu.svg.

Usage: python3 bench/report.py bench/results/<run>.txt [<later run>.txt ...] > docs/benchmarks.md
A later file's result for the same server and workload replaces an earlier one (a workload rerun alone).
The analysis text that explains the numbers lives in bench/analysis.md and is appended as is.
"""
import os
import platform
import subprocess
import sys

NAMES = {"webtalk": "WebTalk (SQLite, persistence on)", "node": "Node.js socket.io 4.8", "flask": "Flask-SocketIO + eventlet (original stack)"}


def key(r):
    """Which measurement a result is: the same key in a later file replaces it."""
    return tuple(r.get(k) for k in ("label", "mode", "clients", "rooms", "target_deliveries_per_s", "outstanding", "in_flight"))


def parse(paths):
    results = {}
    for path in paths:
        for line in open(path, encoding="utf-8"):
            if line.startswith("RESULT "):
                r = dict(part.split("=", 1) for part in line.split()[1:])
                results[key(r)] = r
    return list(results.values())


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
    servers = [s for s in NAMES if any(r["label"] == s for r in chat)]
    colors = {"webtalk": "#0d6efd", "node": "#198754", "flask": "#dc3545"}
    width, height, left, bottom = 800, 320, 60, 40
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
            out.append('<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>' % (x, height - bottom - h, bar * 0.9, h, colors[server]))
            out.append('<text x="%.1f" y="%.1f" text-anchor="middle">%.1f</text>' % (x + bar * 0.45, height - bottom - h - 4, v))
        out.append('<text x="%.1f" y="%d" text-anchor="middle">%s</text>' % (left + i * group + group / 2, height - bottom + 16, workload_label(rate)))
    for j, server in enumerate(servers):
        out.append('<rect x="%d" y="%d" width="10" height="10" fill="%s"/><text x="%d" y="%d">%s</text>'
                   % (left + j * 235, height - 14, colors[server], left + j * 235 + 14, height - 5, NAMES[server]))
    out.append("</svg>")
    return "\n".join(out)


def main():
    paths = sys.argv[1:]
    results = parse(paths)
    path = ", ".join("`%s`" % p for p in paths)
    chat = [r for r in results if r["mode"] == "chat"]
    idle = [r for r in results if r["mode"] == "idle"]
    store = [r for r in results if r["mode"] == "store"]
    store_only = [r for r in results if r["mode"] == "store-only"]
    docs = os.path.join(os.path.dirname(__file__), "..", "docs")
    with open(os.path.join(docs, "benchmarks-cpu.svg"), "w", encoding="utf-8") as f:
        f.write(svg(chat))
    cores = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    print("# Benchmarks\n")
    print("Produced by `bench/run-all.sh` (raw lines: %s), on %s cores of %s. Every server runs pinned to CPU 0"
          " (`taskset -c 0`), the load tool (bench/, Java) on CPU 1, all on loopback. WebTalk stores every message"
          " in SQLite before broadcasting it; the two peers keep nothing.\n" % (path, cores, cpu_model()))
    print("## Fan-out, open loop\n")
    print("1,000 clients in 10 rooms with 2 senders per room (each connection receives 10 or 40 messages/s), and a busy"
          " room of 100 clients with 20 senders (each connection receives 1,000 messages/s). CPU is the server's, in the"
          " measurement window (the RESULT lines also split it into user and kernel time, but this virtual machine's"
          " tick-based accounting moves seconds between the two from run to run, so only the sum is compared).\n")
    print("| server | clients / rooms / senders | target deliveries/s | delivered/s | p50 ms | p99 ms | max ms | lost |"
          " server CPU-s per million deliveries | server RSS MiB |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in sorted(chat, key=lambda r: (-int(r["clients"]), list(NAMES).index(r["label"]) if r["label"] in NAMES else 9,
                                         float(r["target_deliveries_per_s"]))):
        print("| %s | %s / %s / %s | %s | %s | %s | %s | %s | %s | **%s** | %s |" % (NAMES.get(r["label"], r["label"]),
              r["clients"], r["rooms"], r.get("senders", "?"), r["target_deliveries_per_s"], r["deliveries_per_s"], r["p50_ms"],
              r["p99_ms"], r["max_ms"], r["lost"], r["cpu_s_per_million"], r["rss_mb"]))
    print("\n![CPU per million deliveries](benchmarks-cpu.svg)\n")
    print("## Idle connections: memory per connection\n")
    print("| server | connections | open at the end | RSS before MiB | RSS after MiB | kB per connection |")
    print("|---|---|---|---|---|---|")
    for r in idle:
        print("| %s | %s | %s | %s | %s | %s |" % (NAMES.get(r["label"], r["label"]), r["connections"], r["open_at_end"],
              r["rss_before_mb"], r["rss_after_mb"], r["kb_per_connection"]))
    print("\n## SQLite write throughput (store before ack)\n")
    print("| server | sender connections | acks in flight each | stored | stored/s | refused | server CPU µs per message | stored/s per server core |")
    print("|---|---|---|---|---|---|---|---|")
    for r in store:
        cpu = r.get("server_cpu_us_per_message")
        per_core = "{:,.0f}".format(1e6 / float(cpu)) if cpu else "–"
        print("| %s | %s | %s | %s | %s | %s | %s | %s |" % (NAMES.get(r["label"], r["label"]), r["clients"], r["outstanding"], r["stored"],
              r["stored_per_s"], r["refused"], cpu or "–", per_core))
    for r in store_only:
        print("\nThe store alone (`webtalk.store.StoreThroughput`, no sockets, producer on the same core):"
              " %s messages, %s in flight, **%s committed/s**." % (r["messages"], r["in_flight"], r["committed_per_s"]))
    analysis = os.path.join(os.path.dirname(__file__), "analysis.md")
    if os.path.exists(analysis):
        print()
        print(open(analysis, encoding="utf-8").read())
    print("## How to reproduce\n")
    print("```sh\nbench/run-all.sh 20      # about 17 minutes; rewrites this page and docs/benchmarks-cpu.svg\n```")
    if len(paths) > 1:
        print("This page combines runs: a later file's result for the same server and workload replaces the"
              " earlier one, as made by `BENCH_SERVERS=\"webtalk node\" BENCH_WORKLOADS=busy bench/run-all.sh 20` then"
              " `python3 bench/report.py %s > docs/benchmarks.md`." % " ".join(paths))
    print("See bench/README.md for the load tool's options and single runs. Results vary by ±20 % between"
          " runs on this shared 2-core virtual machine; earlier runs are kept in bench/results/.")


if __name__ == "__main__":
    main()
