package dev.keel.api.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;

/** The JSON of an event's object, encoded on first use and then shared by every watcher that sends it. */
public final class EncodedObject {

    private final ObjectNode object;
    private final Function<ObjectNode, byte[]> encoder;
    private volatile byte[] json;

    public EncodedObject(ObjectNode object, Function<ObjectNode, byte[]> encoder) {
        this.object = object;
        this.encoder = encoder;
    }

    public byte[] json() {
        byte[] value = json;
        if (value == null) {
            value = encoder.apply(object);
            json = value;
        }
        return value;
    }
}
