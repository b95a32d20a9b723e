package dev.keel.runtime.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AsciiJsonEscaperTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyCharacterSurvivesAnySplitIntoChunksAsAsciiJson() throws Exception {
        String value = "é ü 中文 😀 \u0000 \u001f plain";
        byte[] json = JSON.writeValueAsBytes(Map.of("v", value));
        for (int chunk = 1; chunk <= json.length; chunk++) {
            AsciiJsonEscaper escaper = new AsciiJsonEscaper();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int start = 0; start < json.length; start += chunk) {
                ByteBuffer escaped = escaper.escape(ByteBuffer.wrap(json, start, Math.min(chunk, json.length - start)));
                byte[] bytes = new byte[escaped.remaining()];
                escaped.get(bytes);
                out.write(bytes);
            }
            byte[] ascii = out.toByteArray();
            for (byte b : ascii) {
                assertThat(b).as("chunks of %d bytes: only ASCII", chunk).isNotNegative();
            }
            // Decoding each chunk on its own, as fabric8 does, now gives the text exactly.
            assertThat(JSON.readTree(new String(ascii, StandardCharsets.US_ASCII)).get("v").asText())
                    .as("chunks of %d bytes", chunk).isEqualTo(value);
        }
    }
}
