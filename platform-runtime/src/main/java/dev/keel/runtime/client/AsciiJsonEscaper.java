package dev.keel.runtime.client;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Rewrites a UTF-8 JSON byte stream, chunk by chunk, into the same JSON in ASCII: every non-ASCII character becomes
 * its {@code \\uXXXX} escape, which JSON defines as the same string. A character split across two chunks is kept
 * until its last byte arrives. Outside strings JSON has only ASCII, so only string contents change form.
 */
final class AsciiJsonEscaper {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    /** Bytes of a character whose end has not arrived yet (at most 3). */
    private ByteBuffer pending = ByteBuffer.allocate(0);

    /** The ASCII form of {@code chunk}, less a trailing partial character, which opens the next call's output. */
    ByteBuffer escape(ByteBuffer chunk) {
        ByteBuffer input = pending.hasRemaining() ? concat(pending, chunk) : chunk;
        if (isAscii(input)) {
            pending = ByteBuffer.allocate(0);
            return input;
        }
        CharBuffer chars = CharBuffer.allocate(input.remaining());
        CoderResult result = decoder.decode(input, chars, false);
        if (result.isError()) {
            throw new IllegalStateException("UTF-8 decoder reported " + result + " despite REPLACE");
        }
        pending = copyOf(input);
        chars.flip();
        ByteBuffer out = ByteBuffer.allocate(asciiLength(chars));
        while (chars.hasRemaining()) {
            char c = chars.get();
            if (c < 0x80) {
                out.put((byte) c);
            } else {
                out.put((byte) '\\').put((byte) 'u')
                        .put(HEX[(c >> 12) & 0xf]).put(HEX[(c >> 8) & 0xf]).put(HEX[(c >> 4) & 0xf]).put(HEX[c & 0xf]);
            }
        }
        out.flip();
        return out;
    }

    private static boolean isAscii(ByteBuffer buffer) {
        for (int i = buffer.position(); i < buffer.limit(); i++) {
            if (buffer.get(i) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int asciiLength(CharBuffer chars) {
        int length = 0;
        for (int i = chars.position(); i < chars.limit(); i++) {
            length += chars.get(i) < 0x80 ? 1 : 6;
        }
        return length;
    }

    private static ByteBuffer concat(ByteBuffer first, ByteBuffer second) {
        ByteBuffer joined = ByteBuffer.allocate(first.remaining() + second.remaining());
        joined.put(first.duplicate()).put(second.duplicate());
        joined.flip();
        return joined;
    }

    private static ByteBuffer copyOf(ByteBuffer remaining) {
        ByteBuffer copy = ByteBuffer.allocate(remaining.remaining());
        copy.put(remaining);
        copy.flip();
        return copy;
    }
}
