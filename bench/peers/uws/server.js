// socket.io 4.8 attached to uWebSockets.js (io.attachApp) with the WebTalk events, no persistence:
// the fastest Node.js Socket.IO server a user would pick. The npm package `uwebsockets` carries
// uWebSockets.js builds for this machine's glibc (see bench/README.md). Usage: node server.js PORT
const { App } = require("uwebsockets");
const { Server } = require("socket.io");
const serveChat = require("../events.js");

const port = Number(process.argv[2] || 5300);
const app = App();
const io = new Server({ serveClient: false });
io.attachApp(app);
serveChat(io);

app.listen("127.0.0.1", port, (token) => {
  if (!token) {
    console.error("uws socket.io peer cannot listen on " + port);
    process.exit(1);
  }
  console.log("uws socket.io peer listening on " + port);
});
