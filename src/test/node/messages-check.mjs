// Issue #14 through the official socket.io-client: edit, delete, reply with quote, mention,
// reaction toggle, and a refusal. Usage: node messages-check.mjs http://127.0.0.1:PORT
// Exits 0 and prints "1 passed, 0 failed" when all of it works; prints what failed otherwise.
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
  body: JSON.stringify({ nome: "node-msgs-" + Date.now(), criador: "node" }),
}).then((r) => r.json());
const room = created.id_sala;
if (!room) fail("room not created: " + JSON.stringify(created));

const ana = io(base);
const bia = io(base, { transports: ["websocket"] });
await Promise.all([once(ana, "connect"), once(bia, "connect")]);
const ask = (socket, event, payload) => socket.timeout(5000).emitWithAck(event, payload);

await ask(ana, "entrar", { id_sala: room, nome_usuario: "ana" });
await ask(bia, "entrar", { id_sala: room, nome_usuario: "bia" });

const first = await ask(ana, "mensagem_chat", { id_sala: room, mensagem: "oi @bia" });
const edited = once(bia, "mensagem_editada");
const editAck = await ask(ana, "editar_mensagem", { id_sala: room, id: first.id, mensagem: "olá @bia" });
if (!editAck.ok) fail("edit refused: " + JSON.stringify(editAck));
const seenEdit = await edited;
if (seenEdit.id !== first.id || seenEdit.mensagem !== "olá @bia" || !seenEdit.editada_em) fail("edit seen as " + JSON.stringify(seenEdit));

const replyArrives = new Promise((resolve) => ana.on("mensagem_chat", (m) => m.resposta_a === first.id && resolve(m)));
await ask(bia, "mensagem_chat", { id_sala: room, mensagem: "oi @ANA", resposta_a: first.id });
const reply = await replyArrives;
if (!reply.citacao || reply.citacao.nome_usuario !== "ana" || reply.citacao.trecho !== "olá @bia") fail("quote: " + JSON.stringify(reply));
if (JSON.stringify(reply.mencoes) !== JSON.stringify(["ana"])) fail("mentions: " + JSON.stringify(reply));

const reacted = once(ana, "reacao_atualizada");
const reactAck = await ask(bia, "reagir", { id_sala: room, id: first.id, emoji: "👍" });
if (!reactAck.ok) fail("reaction refused: " + JSON.stringify(reactAck));
const counts = await reacted;
if (counts.id !== first.id || counts.reacoes["👍"] !== 1) fail("reaction seen as " + JSON.stringify(counts));

const notMine = await ask(bia, "excluir_mensagem", { id_sala: room, id: first.id });
if (notMine.ok || notMine.codigo !== "mensagem_de_outro") fail("bia deleted ana's message: " + JSON.stringify(notMine));

const deleted = once(bia, "mensagem_excluida");
const deleteAck = await ask(ana, "excluir_mensagem", { id_sala: room, id: first.id });
if (!deleteAck.ok) fail("delete refused: " + JSON.stringify(deleteAck));
const seenDelete = await deleted;
if (seenDelete.id !== first.id || seenDelete.id_sala !== room) fail("delete seen as " + JSON.stringify(seenDelete));

const page = await fetch(base + "/api/salas/" + room + "/mensagens").then((r) => r.json());
const tomb = page.mensagens[0];
if (!tomb.excluida || tomb.mensagem !== "" || !page.mensagens[1].citacao.excluida) fail("page: " + JSON.stringify(page));

ana.close();
bia.close();
clearTimeout(deadline);
console.log("node socket.io-client messages: 1 passed, 0 failed");
