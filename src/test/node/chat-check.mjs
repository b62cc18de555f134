// Drives a running WebTalk with the official socket.io-client, default options (polling, then
// upgrade to WebSocket). Usage: node chat-check.mjs http://127.0.0.1:PORT
// Exits 0 when two clients can join a room and chat; prints what failed otherwise.
import { io } from "socket.io-client";

const base = process.argv[2];
const deadline = setTimeout(() => fail("timed out"), 15000);

function fail(reason) {
  console.error("FAIL: " + reason);
  process.exit(1);
}

function once(socket, event) {
  return new Promise((resolve) => socket.once(event, resolve));
}

const created = await fetch(base + "/api/salas", {
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify({ nome: "node-" + Date.now(), criador: "node" }),
}).then((r) => r.json());
const room = created.id_sala;
if (!room) fail("room not created: " + JSON.stringify(created));

const ana = io(base);
const bia = io(base, { transports: ["websocket"] });
await Promise.all([once(ana, "connect"), once(bia, "connect")]);

const anaJoin = await ana.timeout(5000).emitWithAck("entrar", { id_sala: room, nome_usuario: "ana" });
if (!anaJoin.ok) fail("ana could not join: " + JSON.stringify(anaJoin));
const anaSeesBia = once(ana, "usuario_entrou");
const biaJoin = await bia.timeout(5000).emitWithAck("entrar", { id_sala: room, nome_usuario: "bia" });
if (!biaJoin.ok || biaJoin.usuarios.length !== 2) fail("bia could not join: " + JSON.stringify(biaJoin));
const joined = await anaSeesBia;
if (joined.nome_usuario !== "bia") fail("ana saw " + JSON.stringify(joined));

const biaGets = once(bia, "mensagem_chat");
const ack = await ana.timeout(5000).emitWithAck("mensagem_chat", { id_sala: room, nome_usuario: "ana", mensagem: "olá, bia!" });
if (!ack.ok || typeof ack.id !== "number") fail("no ack: " + JSON.stringify(ack));
const received = await biaGets;
if (received.mensagem !== "olá, bia!" || received.nome_usuario !== "ana" || received.id !== ack.id
    || !/^\d\d:\d\d:\d\d$/.test(received.horario)) {
  fail("bia received " + JSON.stringify(received));
}

const error = once(bia, "erro");
bia.emit("mensagem_chat", { id_sala: room, nome_usuario: "ana", mensagem: "sou a ana" });
const refused = await error;
if (refused.codigo !== "nome_divergente") fail("impersonation not refused: " + JSON.stringify(refused));

if (ana.io.engine.transport.name !== "websocket") fail("ana did not upgrade: " + ana.io.engine.transport.name);
ana.close();
bia.close();
clearTimeout(deadline);
console.log("node socket.io-client: 1 passed, 0 failed");
