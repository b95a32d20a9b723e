package dev.keel.api.objects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.codec.ObjectCodec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An object as read from the store. The stored JSON is parsed only when someone needs the tree; a plain JSON
 * answer is the stored bytes with {@code metadata.resourceVersion} spliced in, which spares a parse and an
 * encode per object on reads.
 */
public final class StoredObject {

    private static final byte[] METADATA = "\"metadata\":{".getBytes(StandardCharsets.UTF_8);

    private final String key;
    private final byte[] stored;
    private final long revision;
    private final ObjectCodec codec;
    private ObjectNode object;

    StoredObject(String key, byte[] stored, long revision, ObjectCodec codec) {
        this.key = key;
        this.stored = stored;
        this.revision = revision;
        this.codec = codec;
    }

    /** The store key the object lives at. */
    public String key() {
        return key;
    }

    public long revision() {
        return revision;
    }

    /** The object as a tree, {@code metadata.resourceVersion} set; parsed on first use, then shared. */
    public synchronized ObjectNode object() {
        if (object == null) {
            object = ObjectStorage.parse(codec, stored, revision);
        }
        return object;
    }

    /** The object's JSON with its resourceVersion, without parsing it. */
    public byte[] json() {
        int at = indexOf(stored, METADATA);
        if (at < 0) {
            return codec.toJson(object());
        }
        int insert = at + METADATA.length;
        boolean empty = insert < stored.length && stored[insert] == '}';
        byte[] field = ("\"resourceVersion\":\"" + revision + "\"" + (empty ? "" : ",")).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(stored.length + field.length);
        out.write(stored, 0, insert);
        out.writeBytes(field);
        out.write(stored, insert, stored.length - insert);
        return out.toByteArray();
    }

    // The stored form starts with apiVersion and kind, whose values hold no quotes: the first match is metadata.
    private static int indexOf(byte[] bytes, byte[] pattern) {
        outer:
        for (int i = 0; i <= bytes.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
