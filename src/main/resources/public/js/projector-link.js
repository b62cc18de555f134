// The room page's link to its projector screen (/sala/{id}/projetar), for everyone: the screen shows
// nothing a member cannot see, and a protected room's screen asks for the password like the room does.
(function () {
  "use strict";
  WebTalkI18n.add({
    "pt-BR": { "chat.projector": "Projetar a sala (QR code e mensagens em tela cheia)" },
    en: { "chat.projector": "Project the room (QR code and messages full screen)" },
  });
  const roomId = decodeURIComponent(window.location.pathname.split("/")[2] || "");
  const link = document.getElementById("projector-link");
  if (link && roomId) link.href = "/sala/" + encodeURIComponent(roomId) + "/projetar";
})();
