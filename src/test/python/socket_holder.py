#!/usr/bin/env python3
"""Holds a listening socket across restarts of the server, as systemd does with webtalk.socket
(deploy/systemd: StandardInput=socket). Usage: socket_holder.py HOST PORT LOG -- COMMAND...

Binds HOST:PORT (PORT 0: any free port) with an accept queue of 4,096 and prints the port. Then
reads commands, one a line, on standard input: "start" runs COMMAND with the socket as its standard
input and its output appended to LOG, and prints "started PID"; "stop" sends it SIGTERM, waits and
prints "exited STATUS". At the end of its input it stops a running server and exits. It never
accepts a connection itself: connections made while no server runs wait in the socket's queue.
"""
import signal
import socket
import subprocess
import sys


def main():
    separator = sys.argv.index("--")
    host, port, log = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    command = sys.argv[separator + 1:]
    listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listening.bind((host, port))
    listening.listen(4096)
    print(listening.getsockname()[1], flush=True)
    server = None
    for line in sys.stdin:
        word = line.strip()
        if word == "start" and server is None:
            with open(log, "ab") as out:
                server = subprocess.Popen(command, stdin=listening.fileno(), stdout=out, stderr=subprocess.STDOUT)
            print("started", server.pid, flush=True)
        elif word == "stop" and server is not None:
            server.send_signal(signal.SIGTERM)
            print("exited", server.wait(), flush=True)
            server = None
    if server is not None:
        server.send_signal(signal.SIGTERM)
        server.wait()


if __name__ == "__main__":
    main()
