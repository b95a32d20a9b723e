package dev.keel.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.openapi.OpenApiController.Encoding;
import org.junit.jupiter.api.Test;

class OpenApiControllerTest {

    @Test
    void kubectlsProtobufRequestGetsProtobuf() {
        assertThat(OpenApiController.preferred("application/com.github.proto-openapi.spec.v2@v1.0+protobuf"))
                .isEqualTo(Encoding.PROTOBUF);
        assertThat(OpenApiController.preferred("application/com.github.proto-openapi.spec.v2.v1.0+protobuf"))
                .isEqualTo(Encoding.PROTOBUF);
    }

    @Test
    void jsonWildcardsAndNoHeaderGetJson() {
        assertThat(OpenApiController.preferred(null)).isEqualTo(Encoding.JSON);
        assertThat(OpenApiController.preferred("application/json, */*")).isEqualTo(Encoding.JSON);
        assertThat(OpenApiController.preferred("*/*;q=0.8")).isEqualTo(Encoding.JSON);
    }

    @Test
    void theFirstSupportedRangeWins() {
        assertThat(OpenApiController.preferred("text/html, application/com.github.proto-openapi.spec.v2@v1.0+protobuf, "
                + "application/json")).isEqualTo(Encoding.PROTOBUF);
        assertThat(OpenApiController.preferred("application/com.github.proto-openapi.spec.v3@v1.0+protobuf"))
                .isEqualTo(Encoding.NONE);
    }
}
