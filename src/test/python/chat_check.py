"""Drives a running WebTalk with python-socketio 5 (Debian's python3-socketio), default options.

Usage: /usr/bin/python3 chat_check.py http://127.0.0.1:PORT
Exits 0 when two clients can join a room and chat; prints what failed otherwise.
"""
import json
import queue
import sys
import time
import urllib.request

import socketio

BASE = sys.argv[1]


def fail(reason):
    print("FAIL: " + reason)
    sys.exit(1)


def create_room():
    body = json.dumps({"nome": "python-%d" % time.time_ns(), "criador": "python"}).encode()
    request = urllib.request.Request(BASE + "/api/salas", data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["id_sala"]


def client():
    sio = socketio.Client(reconnection=False)
    inbox = queue.Queue()
    sio.on("mensagem_chat", lambda data: inbox.put(("mensagem_chat", data)))
    sio.on("usuario_entrou", lambda data: inbox.put(("usuario_entrou", data)))
    sio.on("erro", lambda data: inbox.put(("erro", data)))
    sio.connect(BASE, wait_timeout=10)
    return sio, inbox


def next_event(inbox, name):
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            event, data = inbox.get(timeout=deadline - time.time())
        except queue.Empty:
            break
        if event == name:
            return data
    fail("no %s event" % name)


room = create_room()
ana, ana_inbox = client()
bia, bia_inbox = client()
try:
    joined = ana.call("entrar", {"id_sala": room, "nome_usuario": "ana"}, timeout=10)
    if not joined.get("ok"):
        fail("ana could not join: %r" % joined)
    bia.emit("entrar", {"id_sala": room, "nome_usuario": "bia"})
    next_event(bia_inbox, "usuario_entrou")
    ack = bia.call("mensagem_chat", {"id_sala": room, "nome_usuario": "bia", "mensagem": "olá do python"}, timeout=10)
    if not ack.get("ok"):
        fail("no ok ack: %r" % ack)
    received = next_event(ana_inbox, "mensagem_chat")
    if received.get("mensagem") != "olá do python" or received.get("id") != ack["id"]:
        fail("ana received %r" % received)
    if ana.transport() != "websocket":
        fail("did not upgrade to websocket: " + ana.transport())
finally:
    ana.disconnect()
    bia.disconnect()
print("python-socketio client: 1 passed, 0 failed")
