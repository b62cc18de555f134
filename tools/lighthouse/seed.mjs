// Seeds a running WebTalk for tools/lighthouse.sh: a few rooms for the lobby and one room with a
// conversation (as a class would have it) for the room and projector pages. Prints the room's id.
// Usage: node seed.mjs http://127.0.0.1:PORT
import { io } from "socket.io-client";

const base = process.argv[2];
const post = async (path, body) => {
  const answer = await fetch(base + path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  if (!answer.ok) throw new Error(path + ": " + answer.status + " " + (await answer.text()));
  return answer.json();
};

const room = (await post("/api/salas", { nome: "Matemática 7ºB", criador: "prof", descricao: "Frações e porcentagem" })).id_sala;
for (const [name, password] of [["Clube de Leitura", null], ["Prova de Física", "segredo-da-turma"], ["Robótica", null]]) {
  await post("/api/salas", password ? { nome: name, criador: "prof", senha: password } : { nome: name, criador: "prof" });
}

const socket = io(base, { transports: ["websocket"], reconnection: false });
await new Promise((resolve, reject) => { socket.on("connect", resolve); socket.on("connect_error", reject); });
const joined = await socket.timeout(10_000).emitWithAck("entrar", { id_sala: room, nome_usuario: "prof" });
if (!joined.ok) throw new Error("entrar: " + JSON.stringify(joined));
const lines = [
  "Bom dia, turma! Hoje: **frações**.", "Abram o livro na página 42.", "Quanto é 1/2 + 1/4?", "3/4!",
  "Isso. E 20% de 50?", "10", "Certo. Exercícios 1 a 5 para casa.", "Posso entregar amanhã?", "Pode, até as 18h.",
  "Obrigado, professora!", "Veja também https://example.org/fracoes", "- item um\n- item dois",
];
for (const text of lines) {
  const sent = await socket.timeout(10_000).emitWithAck("mensagem_chat", { id_sala: room, mensagem: text });
  if (!sent.ok) throw new Error("mensagem_chat: " + JSON.stringify(sent));
}
socket.close();
console.log(room);
