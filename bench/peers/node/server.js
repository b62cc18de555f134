// The reference peer: the WebTalk events on the official Node.js Socket.IO server (4.8), no persistence.
// Usage: node server.js PORT
const { Server } = require("socket.io");
const serveChat = require("../events.js");

const port = Number(process.argv[2] || 5100);
const io = new Server(port, { serveClient: false });
serveChat(io);
console.log("node socket.io peer listening on " + port);
