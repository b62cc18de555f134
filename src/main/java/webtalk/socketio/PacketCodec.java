package webtalk.socketio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Encodes and decodes Socket.IO v5 packets in their text form
 * {@code <type>[<attachments>-][<namespace>,][<ack id>][<JSON>]}, and swaps binary values for
 * {@code {"_placeholder":true,"num":n}} and back (spec section "Packet encoding").
 */
final class PacketCodec {

    /** An encoded packet: the text part and the binary attachments that follow it, in order. */
    record Encoded(String text, List<byte[]> attachments) {
    }

    private final ObjectMapper mapper;

    PacketCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    Packet decode(String text) {
        if (text.isEmpty()) {
            throw new MalformedPacketException("empty packet");
        }
        PacketType type = PacketType.of(text.charAt(0));
        int i = 1;
        int attachments = 0;
        if (type.binary()) {
            int dash = text.indexOf('-', i);
            if (dash < 0 || dash == i || dash - i > 6 || !digits(text, i, dash)) {
                throw new MalformedPacketException("bad attachment count");
            }
            attachments = Integer.parseInt(text.substring(i, dash));
            i = dash + 1;
        }
        String namespace = "/";
        if (i < text.length() && text.charAt(i) == '/') {
            int comma = text.indexOf(',', i);
            int end = comma < 0 ? text.length() : comma;
            namespace = text.substring(i, end);
            i = comma < 0 ? end : comma + 1;
        }
        long ackId = -1;
        int start = i;
        while (i < text.length() && Character.isDigit(text.charAt(i)) && i - start < 18) {
            i++;
        }
        if (i > start) {
            ackId = Long.parseLong(text.substring(start, i));
        }
        JsonNode data = null;
        if (i < text.length()) {
            try {
                data = mapper.readTree(text.substring(i));
            } catch (JsonProcessingException e) {
                throw new MalformedPacketException("invalid JSON");
            }
        }
        Packet packet = new Packet(type, namespace, ackId, data, attachments);
        validate(packet);
        return packet;
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** What the spec allows each type to carry when it comes from a client. */
    private static void validate(Packet p) {
        boolean ok = switch (p.type()) {
            case CONNECT -> p.data() == null || p.data().isObject();
            case DISCONNECT -> p.data() == null;
            case EVENT, BINARY_EVENT -> p.data() != null && p.data().isArray() && p.data().size() > 0
                    && p.data().get(0).isTextual();
            case ACK, BINARY_ACK -> p.data() != null && p.data().isArray() && p.ackId() >= 0;
            case CONNECT_ERROR -> false;
        };
        if (!ok) {
            throw new MalformedPacketException("invalid " + p.type() + " payload");
        }
    }

    /** Encodes an EVENT (or BINARY_EVENT when an argument holds bytes). */
    Encoded event(String namespace, String event, Object[] args) {
        Object[] data = new Object[args.length + 1];
        data[0] = event;
        System.arraycopy(args, 0, data, 1, args.length);
        return encodeValues(PacketType.EVENT, namespace, -1, data);
    }

    Encoded ack(String namespace, long ackId, Object[] args) {
        return encodeValues(PacketType.ACK, namespace, ackId, args);
    }

    /**
     * Plain values (maps, strings, numbers: every chat event) are written straight to JSON in one
     * pass; only values holding bytes go through the tree, where attachments are cut out.
     */
    private Encoded encodeValues(PacketType type, String namespace, long ackId, Object[] values) {
        if (containsBinary(values)) {
            ArrayNode data = JsonNodeFactory.instance.arrayNode();
            for (Object value : values) {
                data.add(value instanceof JsonNode node ? node : mapper.valueToTree(value));
            }
            return encode(type, namespace, ackId, data);
        }
        StringBuilder text = header(type, 0, namespace, ackId);
        try {
            text.append(mapper.writeValueAsString(values));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode event arguments: " + e.getOriginalMessage(), e);
        }
        return new Encoded(text.toString(), List.of());
    }

    private static boolean containsBinary(Object value) {
        // The leaves of every chat payload first: this runs for each value of every event and ack.
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return false;
        }
        if (value instanceof byte[] || value instanceof java.nio.ByteBuffer) {
            return true;
        }
        if (value instanceof JsonNode node) {
            return treeHasBinary(node);
        }
        if (value instanceof Object[] array) {
            for (Object item : array) {
                if (containsBinary(item)) {
                    return true;
                }
            }
            return false;
        }
        if (value instanceof Map<?, ?> map) {
            for (Object item : map.values()) {
                if (containsBinary(item)) {
                    return true;
                }
            }
            return false;
        }
        if (value instanceof Iterable<?> items) {
            for (Object item : items) {
                if (containsBinary(item)) {
                    return true;
                }
            }
            return false;
        }
        // Strings, numbers, booleans, null; a record or bean could hide bytes: take the safe path.
        return !(value == null || value instanceof CharSequence || value instanceof Number || value instanceof Boolean);
    }

    private static boolean treeHasBinary(JsonNode node) {
        if (node.isBinary()) {
            return true;
        }
        for (JsonNode child : node) {
            if (treeHasBinary(child)) {
                return true;
            }
        }
        return false;
    }

    private static StringBuilder header(PacketType type, int attachments, String namespace, long ackId) {
        StringBuilder text = new StringBuilder(128);
        text.append((char) ('0' + type.ordinal()));
        if (type.binary()) {
            text.append(attachments).append('-');
        }
        if (!namespace.equals("/")) {
            text.append(namespace).append(',');
        }
        if (ackId >= 0) {
            text.append(ackId);
        }
        return text;
    }

    String connect(String namespace, String sid) {
        return encode(PacketType.CONNECT, namespace, -1, mapper.createObjectNode().put("sid", sid)).text();
    }

    String connectError(String namespace, String message, Object detail) {
        ObjectNode data = mapper.createObjectNode().put("message", message);
        if (detail != null) {
            data.set("data", mapper.valueToTree(detail));
        }
        return encode(PacketType.CONNECT_ERROR, namespace, -1, data).text();
    }

    String disconnect(String namespace) {
        return encode(PacketType.DISCONNECT, namespace, -1, null).text();
    }

    private Encoded encode(PacketType type, String namespace, long ackId, JsonNode data) {
        List<byte[]> attachments = new ArrayList<>(0);
        if (data != null && (type == PacketType.EVENT || type == PacketType.ACK)) {
            data = extractBinary(data, attachments);
            if (!attachments.isEmpty()) {
                type = type == PacketType.EVENT ? PacketType.BINARY_EVENT : PacketType.BINARY_ACK;
            }
        }
        StringBuilder text = header(type, attachments.size(), namespace, ackId);
        if (data != null) {
            text.append(data);
        }
        return new Encoded(text.toString(), attachments);
    }

    private JsonNode extractBinary(JsonNode node, List<byte[]> attachments) {
        if (node.isBinary()) {
            try {
                attachments.add(node.binaryValue());
            } catch (java.io.IOException impossible) {
                throw new IllegalStateException(impossible);
            }
            return mapper.createObjectNode().put("_placeholder", true).put("num", attachments.size() - 1);
        }
        if (node.isArray()) {
            ArrayNode copy = null;
            for (int i = 0; i < node.size(); i++) {
                JsonNode child = node.get(i);
                JsonNode replaced = extractBinary(child, attachments);
                if (replaced != child && copy == null) {
                    copy = ((ArrayNode) node).deepCopy();
                }
                if (copy != null) {
                    copy.set(i, replaced);
                }
            }
            return copy != null ? copy : node;
        }
        if (node.isObject()) {
            ObjectNode copy = null;
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode replaced = extractBinary(field.getValue(), attachments);
                if (replaced != field.getValue() && copy == null) {
                    copy = ((ObjectNode) node).deepCopy();
                }
                if (copy != null) {
                    copy.set(field.getKey(), replaced);
                }
            }
            return copy != null ? copy : node;
        }
        return node;
    }

    /** Puts received attachments back where their placeholders are. */
    JsonNode insertBinary(JsonNode node, List<byte[]> attachments) {
        if (node.isObject()) {
            JsonNode marker = node.get("_placeholder");
            if (marker != null && marker.asBoolean() && node.path("num").isInt()) {
                int num = node.get("num").intValue();
                if (num < 0 || num >= attachments.size()) {
                    throw new MalformedPacketException("bad attachment index");
                }
                return JsonNodeFactory.instance.binaryNode(attachments.get(num));
            }
            ObjectNode object = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                object.set(name, insertBinary(object.get(name), attachments));
            }
        } else if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                array.set(i, insertBinary(array.get(i), attachments));
            }
        }
        return node;
    }
}
