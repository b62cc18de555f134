"""The original stack's peer: the WebTalk events on Flask-SocketIO + eventlet, no persistence.

Usage: /usr/bin/python3 server.py PORT  (Debian: python3-flask-socketio python3-eventlet)
"""
import sys
import time

import eventlet

eventlet.monkey_patch()

from flask import Flask  # noqa: E402
from flask_socketio import SocketIO, emit, join_room  # noqa: E402

app = Flask(__name__)
socketio = SocketIO(app, async_mode="eventlet", cors_allowed_origins="*", logger=False, engineio_logger=False)


@socketio.on("entrar")
def entrar(data):
    join_room(data["id_sala"])
    emit("usuario_entrou", {"nome_usuario": data["nome_usuario"]}, to=data["id_sala"])
    return {"ok": True}


@socketio.on("mensagem_chat")
def mensagem_chat(data):
    emit("mensagem_chat", {"nome_usuario": data["nome_usuario"], "mensagem": data["mensagem"],
                           "horario": time.strftime("%H:%M:%S")}, to=data["id_sala"])
    return {"ok": True}


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 5200
    print("flask-socketio peer listening on %d" % port, flush=True)
    socketio.run(app, host="127.0.0.1", port=port, log_output=False)
