// The reference peer: the WebTalk events on the official Node.js Socket.IO server (4.8), no persistence.
// Usage: node server.js PORT
const { Server } = require("socket.io");

const port = Number(process.argv[2] || 5100);
const io = new Server(port, { serveClient: false });

function clock() {
  return new Date().toTimeString().slice(0, 8);
}

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
console.log("node socket.io peer listening on " + port);
