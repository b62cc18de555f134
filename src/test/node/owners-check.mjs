// Issue #14 through the official socket.io-client: a room's owner and moderators. The owner key
// from POST /api/salas, pin and unpin, slow mode refusing a member's second message, kick and ban
// reaching the member, a wrong key, a member refused a power, a moderator link and a moderator
// refused key management. Usage: node owners-check.mjs http://127.0.0.1:PORT
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

const created = await fetch(base + "/api/salas", {
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify({ nome: "node-owners-" + Date.now(), criador: "dona" }),
}).then((r) => r.json());
const room = created.id_sala;
const ownerKey = created.chave_dono;
if (!room || typeof ownerKey !== "string" || created.link_dono !== "/chat/" + room + "#dono=" + ownerKey) {
  fail("room not created with an owner key: " + JSON.stringify(created));
}

const dona = io(base);
const bia = io(base, { transports: ["websocket"] });
const mod = io(base);
const eve = io(base, { transports: ["websocket"] });
await Promise.all([dona, bia, mod, eve].map((socket) => once(socket, "connect")));
const ask = (socket, event, payload) => socket.timeout(5000).emitWithAck(event, payload);

// A wrong key refuses the whole join, in either field.
const eveError = once(eve, "erro");
refused(await ask(eve, "entrar", { id_sala: room, nome_usuario: "eve", chave_dono: "chute" }), "chave_invalida", "a guessed owner key");
if ((await eveError).codigo !== "chave_invalida") fail("no erro event for a wrong key");
refused(await ask(eve, "entrar", { id_sala: room, nome_usuario: "eve", chave_moderacao: ownerKey.slice(1) }), "chave_invalida", "a guessed moderator key");

const owner = accepted(await ask(dona, "entrar", { id_sala: room, nome_usuario: "dona", chave_dono: ownerKey }), "the owner's join");
if (owner.papel !== "dono" || owner.modo_lento_segundos !== 0 || !Array.isArray(owner.fixadas)) fail("owner's join: " + JSON.stringify(owner));
const member = accepted(await ask(bia, "entrar", { id_sala: room, nome_usuario: "bia" }), "bia's join");
if (member.papel !== "membro") fail("bia's role: " + JSON.stringify(member));

// A member without a key is refused every power.
refused(await ask(bia, "modo_lento", { id_sala: room, segundos: 10 }), "nao_e_dono", "bia's slow mode");
refused(await ask(bia, "expulsar", { id_sala: room, nome_usuario: "dona" }), "nao_e_dono", "bia's kick");
refused(await ask(bia, "gerar_link_moderacao", { id_sala: room }), "nao_e_dono", "bia's moderator link");

// Pin and unpin: the room is told, newcomers and REST see the pin.
const said = accepted(await ask(bia, "mensagem_chat", { id_sala: room, mensagem: "regras: sejam gentis" }), "bia's message");
const pinnedSeen = once(bia, "mensagem_fixada");
accepted(await ask(dona, "fixar_mensagem", { id_sala: room, id: said.id }), "pin");
const pinned = await pinnedSeen;
if (pinned.id_sala !== room || pinned.id !== said.id || pinned.fixada !== true) fail("pin seen as " + JSON.stringify(pinned));
const roomPage = await fetch(base + "/api/salas/" + room).then((r) => r.json());
if (roomPage.fixadas.length !== 1 || roomPage.fixadas[0].mensagem !== "regras: sejam gentis") fail("REST pins: " + JSON.stringify(roomPage));
const unpinnedSeen = once(bia, "mensagem_fixada");
accepted(await ask(dona, "desafixar_mensagem", { id_sala: room, id: said.id }), "unpin");
if ((await unpinnedSeen).fixada !== false) fail("unpin not seen");
refused(await ask(dona, "desafixar_mensagem", { id_sala: room, id: said.id }), "mensagem_inexistente", "unpinning twice");

// Slow mode: the room is told; a member's second message is refused, the owner is not slowed.
const slowSeen = once(bia, "modo_lento_alterado");
const slowAck = accepted(await ask(dona, "modo_lento", { id_sala: room, segundos: 30 }), "slow mode");
if (slowAck.segundos !== 30) fail("slow mode ack: " + JSON.stringify(slowAck));
if ((await slowSeen).segundos !== 30) fail("slow mode not seen");
accepted(await ask(bia, "mensagem_chat", { id_sala: room, mensagem: "um" }), "bia's first slow message");
const slowed = await ask(bia, "mensagem_chat", { id_sala: room, mensagem: "dois" });
refused(slowed, "modo_lento", "bia's second slow message");
if (!/aguarde (30|29) s/.test(slowed.mensagem)) fail("slow mode message: " + slowed.mensagem);
accepted(await ask(dona, "mensagem_chat", { id_sala: room, mensagem: "a dona não espera" }), "owner's message");
accepted(await ask(dona, "mensagem_chat", { id_sala: room, mensagem: "nem agora" }), "owner's second message");
const offSeen = once(bia, "modo_lento_alterado", (e) => e.segundos === 0);
accepted(await ask(dona, "modo_lento", { id_sala: room, segundos: 0 }), "slow mode off");
await offSeen;
refused(await ask(dona, "modo_lento", { id_sala: room, segundos: 3601 }), "configuracao_invalida", "slow mode too long");

// A moderator link: every power but managing keys.
const link = accepted(await ask(dona, "gerar_link_moderacao", { id_sala: room }), "moderator link");
if (link.link_moderacao !== "/chat/" + room + "#moderacao=" + link.chave_moderacao) fail("moderator link: " + JSON.stringify(link));
const moderator = accepted(await ask(mod, "entrar", { id_sala: room, nome_usuario: "mod", chave_moderacao: link.chave_moderacao }), "moderator's join");
if (moderator.papel !== "moderador") fail("moderator's role: " + JSON.stringify(moderator));
refused(await ask(mod, "trocar_chave_dono", { id_sala: room }), "apenas_dono", "moderator rotating the owner key");
refused(await ask(mod, "gerar_link_moderacao", { id_sala: room }), "apenas_dono", "moderator rotating the moderator key");

// The moderator kicks bia: she is told, the room sees her leave, she may come back.
const kicked = once(bia, "expulso");
const left = once(dona, "usuario_saiu", (e) => e.nome_usuario === "bia");
accepted(await ask(mod, "expulsar", { id_sala: room, nome_usuario: "bia" }), "kick");
const kick = await kicked;
if (kick.codigo !== "expulso" || kick.id_sala !== room) fail("kick seen as " + JSON.stringify(kick));
await left;
refused(await ask(bia, "mensagem_chat", { id_sala: room, mensagem: "ainda?" }), "fora_da_sala", "a kicked member's message");
accepted(await ask(bia, "entrar", { id_sala: room, nome_usuario: "bia" }), "coming back after a kick");
refused(await ask(mod, "expulsar", { id_sala: room, nome_usuario: "ninguem" }), "usuario_inexistente", "kicking nobody");

// The owner bans bia: she is told, and her name is kept out.
const banned = once(bia, "expulso");
const banAck = accepted(await ask(dona, "banir", { id_sala: room, nome_usuario: "bia", minutos: 10 }), "ban");
if (banAck.minutos !== 10) fail("ban ack: " + JSON.stringify(banAck));
if ((await banned).codigo !== "banido") fail("ban not seen as banido");
refused(await ask(bia, "entrar", { id_sala: room, nome_usuario: "bia" }), "banido", "a banned member's join");

for (const socket of [dona, bia, mod, eve]) socket.close();
clearTimeout(deadline);
console.log("node socket.io-client owners: 1 passed, 0 failed");
