package webtalk.admin;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import webtalk.chat.ChatError;
import webtalk.chat.ChatException;
import webtalk.chat.Message;
import webtalk.chat.MessageLog;
import webtalk.chat.Room;
import webtalk.chat.RoomSummary;
import webtalk.chat.Rooms;
import webtalk.contract.Payloads;

/**
 * A room's transcript, for an admin to download: as JSON (the room object, then its messages in id
 * order with the contract's message fields) or as plain text, one
 * {@code [dd/mm/aaaa HH:MM:SS] nome: mensagem} line per message in the server's zone. Read from
 * the store {@link #PAGE} messages at a time and written as it is read: a room of millions of
 * messages costs one page of memory, never the whole room.
 */
public final class RoomExport {

    static final int PAGE = 500;
    private static final DateTimeFormatter LINE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");

    /** The two formats of {@code ?formato=}. */
    public enum Format { JSON, TEXT }

    private final Rooms rooms;
    private final MessageLog messages;
    private final ObjectMapper mapper;
    private final ZoneId zone;

    public RoomExport(Rooms rooms, MessageLog messages, ObjectMapper mapper, ZoneId zone) {
        this.rooms = rooms;
        this.messages = messages;
        this.mapper = mapper;
        this.zone = zone;
    }

    /** The room to export, active or closed. @throws ChatException ROOM_NOT_FOUND */
    public Room room(String roomId) {
        if (roomId == null || roomId.isEmpty() || roomId.length() > 64) {
            throw new ChatException(ChatError.ROOM_NOT_FOUND);
        }
        return rooms.findRoom(roomId).orElseThrow(() -> new ChatException(ChatError.ROOM_NOT_FOUND));
    }

    /** Writes the room's transcript; returns how many messages it holds. Messages stored meanwhile may be included. */
    public long write(Room room, Format format, OutputStream out) throws IOException {
        return format == Format.JSON ? writeJson(room, out) : writeText(room, out);
    }

    private long writeJson(Room room, OutputStream out) throws IOException {
        long count = 0;
        try (JsonGenerator json = mapper.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            long stored = messages.messageCounts().getOrDefault(room.id(), 0L);
            json.writeObjectField("sala", Payloads.room(new RoomSummary(room, 0, stored)));
            json.writeArrayFieldStart("mensagens");
            long after = 0;
            List<Message> page;
            do {
                page = messages.after(room.id(), after, PAGE);
                for (Message message : page) {
                    Map<String, Object> payload = Payloads.message(message, zone, false);
                    json.writeObject(payload);
                    after = message.id();
                    count++;
                }
                json.flush();
            } while (page.size() == PAGE);
            json.writeEndArray();
            json.writeEndObject();
        }
        return count;
    }

    private long writeText(Room room, OutputStream out) throws IOException {
        long count = 0;
        try (Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
            long after = 0;
            List<Message> page;
            do {
                page = messages.after(room.id(), after, PAGE);
                for (Message message : page) {
                    text.write('[');
                    text.write(LINE_TIME.format(message.at().atZone(zone)));
                    text.write("] ");
                    text.write(message.author());
                    text.write(": ");
                    // One message, one line: a newline inside a message would read as a forged line.
                    text.write(message.extras().deleted() ? "(mensagem excluída)"
                            : message.text().replace("\r\n", " ").replace('\n', ' ').replace('\r', ' '));
                    text.write('\n');
                    after = message.id();
                    count++;
                }
                text.flush();
            } while (page.size() == PAGE);
        }
        return count;
    }
}
