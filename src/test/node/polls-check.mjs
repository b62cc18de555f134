// Issue #14 through the official socket.io-client: polls. Open one, two clients vote and both see
// the live counts, a repeated vote and an option out of range are refused, a member who did not
// open the poll cannot close it, its author closes it and everyone sees the final counts.
// Usage: node polls-check.mjs http://127.0.0.1:PORT
// Exits 0 and prints "1 passed, 0 failed" when all of it works; prints what failed otherwise.
import { io } from "socket.io-client";

const base = process.argv[2];
const deadline = setTimeout(() => fail("timed out"), 15000);

function fail(reason) {
  console.error("FAIL: " + reason);
  process.exit(1);
}

function once(socket, event, accept = () => true) {
  return new Promise((resolve) => {
    const listener = (payload) => {
      if (accept(payload)) {
        socket.off(event, listener);
        resolve(payload);
      }
    };
    socket.on(event, listener);
  });
}

function refused(ack, codigo, what) {
  if (ack.ok !== false || ack.codigo !== codigo || !ack.mensagem) fail(what + ": expected " + codigo + ", got " + JSON.stringify(ack));
}

function accepted(ack, what) {
  if (ack.ok !== true) fail(what + " refused: " + JSON.stringify(ack));
  return ack;
}

const counts = (poll) => JSON.stringify(poll.opcoes.map((o) => o.votos));

const created = await fetch(base + "/api/salas", {
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify({ nome: "node-polls-" + Date.now(), criador: "ana" }),
}).then((r) => r.json());
const room = created.id_sala;
if (!room) fail("room not created: " + JSON.stringify(created));

const ana = io(base);
const bia = io(base, { transports: ["websocket"] });
await Promise.all([once(ana, "connect"), once(bia, "connect")]);
const ask = (socket, event, payload) => socket.timeout(5000).emitWithAck(event, payload);

accepted(await ask(ana, "entrar", { id_sala: room, nome_usuario: "ana" }), "ana's join");
accepted(await ask(bia, "entrar", { id_sala: room, nome_usuario: "bia" }), "bia's join");

// ana opens a poll; both see it.
const openedSeen = [once(ana, "enquete"), once(bia, "enquete")];
const opened = accepted(await ask(ana, "criar_enquete", { id_sala: room, pergunta: "  Entenderam?  ", opcoes: ["Sim", "Não", "Mais ou menos"] }), "criar_enquete");
const poll = opened.enquete;
const id = poll.id_enquete;
if (!Number.isInteger(id) || poll.pergunta !== "Entenderam?" || poll.autor !== "ana" || poll.aberta !== true
    || counts(poll) !== "[0,0,0]" || poll.total_votos !== 0 || !poll.criada_em.endsWith("Z")) fail("poll: " + JSON.stringify(poll));
for (const seen of await Promise.all(openedSeen)) {
  if (seen.id_enquete !== id || seen.id_sala !== room || seen.opcoes[2].texto !== "Mais ou menos") fail("poll seen as " + JSON.stringify(seen));
}

// bia votes: both see the new counts live.
let updates = [once(ana, "enquete_atualizada"), once(bia, "enquete_atualizada")];
const biaVote = accepted(await ask(bia, "votar", { id_sala: room, id_enquete: id, opcao: 1 }), "bia's vote");
if (biaVote.meu_voto !== 1 || counts(biaVote.enquete) !== "[0,1,0]") fail("bia's vote ack: " + JSON.stringify(biaVote));
for (const update of await Promise.all(updates)) {
  if (update.id_enquete !== id || counts(update) !== "[0,1,0]" || update.total_votos !== 1) fail("update after bia: " + JSON.stringify(update));
}

// ana votes too.
updates = [once(ana, "enquete_atualizada", (e) => e.total_votos === 2), once(bia, "enquete_atualizada", (e) => e.total_votos === 2)];
accepted(await ask(ana, "votar", { id_sala: room, id_enquete: id, opcao: 0 }), "ana's vote");
for (const update of await Promise.all(updates)) {
  if (counts(update) !== "[1,1,0]") fail("update after ana: " + JSON.stringify(update));
}

// Refusals: a second vote, an option out of range, closing someone else's poll.
refused(await ask(bia, "votar", { id_sala: room, id_enquete: id, opcao: 0 }), "voto_repetido", "bia voting again");
refused(await ask(bia, "votar", { id_sala: room, id_enquete: id, opcao: 3 }), "opcao_invalida", "an option out of range");
refused(await ask(bia, "votar", { id_sala: room, id_enquete: id, opcao: "um" }), "opcao_invalida", "an option that is no number");
const biaError = once(bia, "erro");
refused(await ask(bia, "encerrar_enquete", { id_sala: room, id_enquete: id }), "nao_autor_enquete", "bia closing ana's poll");
if ((await biaError).codigo !== "nao_autor_enquete") fail("no erro event for closing another's poll");

// ana closes it: everyone sees it closed with the final counts.
const closedSeen = once(bia, "enquete_atualizada", (e) => e.aberta === false);
const closed = accepted(await ask(ana, "encerrar_enquete", { id_sala: room, id_enquete: id }), "closing");
if (closed.enquete.aberta !== false) fail("close ack: " + JSON.stringify(closed));
const final = await closedSeen;
if (counts(final) !== "[1,1,0]" || final.total_votos !== 2) fail("final: " + JSON.stringify(final));
refused(await ask(ana, "encerrar_enquete", { id_sala: room, id_enquete: id }), "enquete_encerrada", "closing twice");

const listed = await fetch(base + "/api/salas/" + room + "/enquetes").then((r) => r.json());
if (listed.enquetes.length !== 1 || listed.enquetes[0].aberta !== false || listed.enquetes[0].total_votos !== 2) fail("REST: " + JSON.stringify(listed));

ana.close();
bia.close();
clearTimeout(deadline);
console.log("node socket.io-client polls: 1 passed, 0 failed");
