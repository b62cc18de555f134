package webtalk.fanout.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import webtalk.chat.ChatError;
import webtalk.chat.Message;
import webtalk.chat.Poll;
import webtalk.chat.RoomEvent;
import webtalk.chat.StampedEvent;

/**
 * A stamped room event as the compact JSON one node publishes to the others:
 * {@code {"n":node,"s":sequence,"k":kind,...}} with one-letter fields. Each {@link RoomEvent} kind
 * has its letter; enums travel by name. Java 17 has no pattern switch, so a new kind cannot be made
 * a compile error here: {@link #encode} refuses a kind it does not know, and {@code EventCodecTest}
 * round-trips every permitted subclass of the sealed {@link RoomEvent}, so an unmapped kind fails
 * the build's tests.
 */
public final class EventCodec {

    private final ObjectMapper json = new ObjectMapper();

    /** A message that is not an event this version understands (garbled, or from a newer node). */
    public static final class MalformedEvent extends RuntimeException {
        MalformedEvent(String why) {
            super(why);
        }
    }

    public String encode(StampedEvent stamped) {
        ObjectNode out = json.createObjectNode();
        out.put("n", stamped.node());
        out.put("s", stamped.sequence());
        RoomEvent event = stamped.event();
        if (event instanceof RoomEvent.MessagePosted posted) {
            Message message = posted.message();
            out.put("k", "m").put("r", message.roomId()).put("i", message.id()).put("a", message.author())
                    .put("t", message.text()).put("at", message.at().toString());
            if (message.clientId() != null) {
                out.put("c", message.clientId());
            }
            encodeExtras(out, message.extras());
        } else if (event instanceof RoomEvent.MessageEdited edited) {
            out.put("k", "e").put("r", edited.roomId()).put("i", edited.messageId()).put("t", edited.text())
                    .put("at", edited.editedAt().toString());
            edited.mentions().forEach(out.putArray("mm")::add);
        } else if (event instanceof RoomEvent.ReactionsChanged changed) {
            out.put("k", "rx").put("r", changed.roomId()).put("i", changed.messageId());
            ObjectNode counts = out.putObject("rc");
            changed.reactions().forEach(counts::put);
        } else if (event instanceof RoomEvent.UserJoined joined) {
            out.put("k", "j").put("r", joined.roomId()).put("u", joined.nickname()).put("o", joined.usersOnline());
        } else if (event instanceof RoomEvent.UserLeft left) {
            out.put("k", "l").put("r", left.roomId()).put("u", left.nickname()).put("o", left.usersOnline());
        } else if (event instanceof RoomEvent.MessageDeleted deleted) {
            out.put("k", "d").put("r", deleted.roomId()).put("i", deleted.messageId());
        } else if (event instanceof RoomEvent.MemberRemoved removed) {
            out.put("k", "x").put("r", removed.roomId()).put("c", removed.connectionId()).put("u", removed.nickname())
                    .put("e", removed.reason().name());
        } else if (event instanceof RoomEvent.UserTyping typing) {
            out.put("k", "t").put("r", typing.roomId()).put("u", typing.nickname());
        } else if (event instanceof RoomEvent.RoomClosed closed) {
            out.put("k", "z").put("r", closed.roomId()).put("e", closed.reason().name());
        } else if (event instanceof RoomEvent.PollOpened opened) {
            encodePoll(out.put("k", "po"), opened.poll());
        } else if (event instanceof RoomEvent.PollUpdated updated) {
            encodePoll(out.put("k", "pu"), updated.poll());
        } else if (event instanceof RoomEvent.RoomUpdated updated) {
            out.put("k", "u").put("r", updated.roomId()).put("u", updated.name()).put("t", updated.description());
        } else if (event instanceof RoomEvent.MessagePinned pinned) {
            out.put("k", "p").put("r", pinned.roomId()).put("i", pinned.messageId()).put("f", pinned.pinned());
        } else if (event instanceof RoomEvent.SlowModeChanged slow) {
            out.put("k", "s").put("r", slow.roomId()).put("o", slow.seconds());
        } else if (event instanceof RoomEvent.PollSettingChanged polls) {
            out.put("k", "ps").put("r", polls.roomId()).put("f", polls.moderatorsOnly());
        } else {
            throw new IllegalArgumentException("no encoding for room event " + event.getClass().getSimpleName());
        }
        return out.toString();
    }

    /** @throws MalformedEvent if the text is not an event of a known kind with all its fields */
    public StampedEvent decode(String text) {
        JsonNode in;
        try {
            in = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedEvent("not JSON");
        }
        if (in == null || !in.isObject()) {
            throw new MalformedEvent("not a JSON object");
        }
        String kind = text(in, "k");
        String room = text(in, "r");
        RoomEvent event;
        try {
            event = switch (kind) {
                case "m" -> new RoomEvent.MessagePosted(new Message(number(in, "i"), room, text(in, "a"), text(in, "t"),
                        Instant.parse(text(in, "at")), in.hasNonNull("c") ? in.get("c").asText() : null, decodeExtras(in)));
                case "e" -> new RoomEvent.MessageEdited(room, number(in, "i"), text(in, "t"), Instant.parse(text(in, "at")),
                        texts(in, "mm"));
                case "rx" -> new RoomEvent.ReactionsChanged(room, number(in, "i"), counts(in, "rc"));
                case "j" -> new RoomEvent.UserJoined(room, text(in, "u"), (int) number(in, "o"));
                case "l" -> new RoomEvent.UserLeft(room, text(in, "u"), (int) number(in, "o"));
                case "d" -> new RoomEvent.MessageDeleted(room, number(in, "i"));
                case "x" -> new RoomEvent.MemberRemoved(room, text(in, "c"), text(in, "u"), ChatError.valueOf(text(in, "e")));
                case "t" -> new RoomEvent.UserTyping(room, text(in, "u"));
                case "z" -> new RoomEvent.RoomClosed(room, RoomEvent.RoomClosed.Reason.valueOf(text(in, "e")));
                case "po" -> new RoomEvent.PollOpened(decodePoll(in, room));
                case "pu" -> new RoomEvent.PollUpdated(decodePoll(in, room));
                case "u" -> new RoomEvent.RoomUpdated(room, text(in, "u"), text(in, "t"));
                case "p" -> new RoomEvent.MessagePinned(room, number(in, "i"), flag(in, "f"));
                case "s" -> new RoomEvent.SlowModeChanged(room, (int) number(in, "o"));
                case "ps" -> new RoomEvent.PollSettingChanged(room, flag(in, "f"));
                default -> throw new MalformedEvent("unknown kind " + kind);
            };
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new MalformedEvent("bad field: " + e.getMessage());
        }
        return new StampedEvent(text(in, "n"), number(in, "s"), event);
    }

    /** A poll whole (question, options, counts, state): a receiver needs nothing from the store to show it. */
    private static void encodePoll(ObjectNode out, Poll poll) {
        out.put("r", poll.roomId()).put("i", poll.id()).put("q", poll.question()).put("a", poll.author())
                .put("f", poll.open()).put("at", poll.createdAt().toString());
        ArrayNode options = out.putArray("o");
        poll.options().forEach(options::add);
        ArrayNode votes = out.putArray("v");
        poll.votes().forEach(votes::add);
    }

    private static Poll decodePoll(JsonNode in, String room) {
        JsonNode open = in.get("f");
        JsonNode options = in.get("o");
        JsonNode votes = in.get("v");
        if (open == null || !open.isBoolean() || options == null || !options.isArray() || votes == null || !votes.isArray()) {
            throw new MalformedEvent("no poll fields");
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode option : options) {
            if (!option.isTextual()) {
                throw new MalformedEvent("poll option not text");
            }
            texts.add(option.textValue());
        }
        List<Integer> counts = new ArrayList<>();
        for (JsonNode count : votes) {
            if (!count.canConvertToInt()) {
                throw new MalformedEvent("poll count not a number");
            }
            counts.add(count.intValue());
        }
        return new Poll(number(in, "i"), room, text(in, "q"), texts, counts, text(in, "a"), open.booleanValue(),
                Instant.parse(text(in, "at")));
    }

    /** A posted message's reply ("q", quote "qa"/"qt"/"qd") and mentions ("mm"); nothing for a plain one. */
    private static void encodeExtras(ObjectNode out, Message.Extras extras) {
        if (extras.replyTo() != null) {
            out.put("q", extras.replyTo());
            if (extras.quote() != null) {
                out.put("qa", extras.quote().author()).put("qt", extras.quote().excerpt()).put("qd", extras.quote().deleted());
            }
        }
        if (!extras.mentions().isEmpty()) {
            extras.mentions().forEach(out.putArray("mm")::add);
        }
    }

    private static Message.Extras decodeExtras(JsonNode in) {
        if (!in.has("q") && !in.has("mm")) {
            return Message.Extras.NONE;
        }
        Long replyTo = in.has("q") ? number(in, "q") : null;
        Message.Quote quote = in.has("qa") ? new Message.Quote(text(in, "qa"), text(in, "qt"), in.path("qd").asBoolean()) : null;
        return new Message.Extras(replyTo, quote, texts(in, "mm"), null, false, java.util.Map.of());
    }

    private static java.util.List<String> texts(JsonNode in, String field) {
        JsonNode array = in.get(field);
        if (array == null) {
            return java.util.List.of();
        }
        if (!array.isArray()) {
            throw new MalformedEvent("no array field " + field);
        }
        java.util.List<String> values = new java.util.ArrayList<>();
        for (JsonNode value : array) {
            if (!value.isTextual()) {
                throw new MalformedEvent("not text in " + field);
            }
            values.add(value.asText());
        }
        return values;
    }

    private static java.util.Map<String, Integer> counts(JsonNode in, String field) {
        JsonNode object = in.get(field);
        if (object == null || !object.isObject()) {
            throw new MalformedEvent("no object field " + field);
        }
        java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        object.fields().forEachRemaining(entry -> {
            if (!entry.getValue().canConvertToInt()) {
                throw new MalformedEvent("not a count in " + field);
            }
            counts.put(entry.getKey(), entry.getValue().asInt());
        });
        return counts;
    }

    private static String text(JsonNode in, String field) {
        JsonNode value = in.get(field);
        if (value == null || !value.isTextual()) {
            throw new MalformedEvent("no text field " + field);
        }
        return value.asText();
    }

    private static boolean flag(JsonNode in, String field) {
        JsonNode value = in.get(field);
        if (value == null || !value.isBoolean()) {
            throw new MalformedEvent("no boolean field " + field);
        }
        return value.asBoolean();
    }

    private static long number(JsonNode in, String field) {
        JsonNode value = in.get(field);
        if (value == null || !value.canConvertToLong()) {
            throw new MalformedEvent("no number field " + field);
        }
        return value.asLong();
    }
}
