// The WebTalk events as both Node.js peers answer them (bench/peers/node, bench/peers/uws), no persistence.
function clock() {
  return new Date().toTimeString().slice(0, 8);
}

module.exports = function serveChat(io) {
  io.on("connection", (socket) => {
    socket.on("entrar", (data, ack) => {
      socket.join(data.id_sala);
      io.to(data.id_sala).emit("usuario_entrou", { nome_usuario: data.nome_usuario });
      if (typeof ack === "function") ack({ ok: true });
    });
    socket.on("mensagem_chat", (data, ack) => {
      io.to(data.id_sala).emit("mensagem_chat", { nome_usuario: data.nome_usuario, mensagem: data.mensagem, horario: clock() });
      if (typeof ack === "function") ack({ ok: true });
    });
  });
};
