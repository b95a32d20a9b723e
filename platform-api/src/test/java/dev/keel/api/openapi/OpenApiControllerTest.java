package dev.keel.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.keel.api.openapi.OpenApiController.Encoding;
import dev.keel.api.resource.BuiltinResources;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

class OpenApiControllerTest {

    private static final OpenApiDocuments DOCUMENTS = new OpenApiDocuments(BuiltinResources.registry(), "v1.33.0");
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new OpenApiController(DOCUMENTS)).build();

    @Test
    void servesProtobufUnderAContentTypeGoCanParse() throws Exception {
        MvcResult result = mvc.perform(get("/openapi/v2")
                        .header("Accept", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/com.github.proto-openapi.spec.v2.v1.0+protobuf"))
                .andExpect(header().string("ETag", DOCUMENTS.swaggerProtobuf().etag()))
                .andReturn();
        assertThat(result.getResponse().getContentAsByteArray()).isEqualTo(DOCUMENTS.swaggerProtobuf().body());
    }

    @Test
    void revalidationWithTheETagAnswersNotModified() throws Exception {
        mvc.perform(get("/openapi/v3").header("If-None-Match", DOCUMENTS.discovery().etag()))
                .andExpect(status().isNotModified());
    }

    @Test
    void aCurrentHashIsImmutableAndAStaleOneRedirects() throws Exception {
        String hash = DOCUMENTS.groupVersion("apis/apps/v1").orElseThrow().hash();
        mvc.perform(get("/openapi/v3/apis/apps/v1").param("hash", hash))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "public, immutable"));
        mvc.perform(get("/openapi/v3/apis/apps/v1").param("hash", "0"))
                .andExpect(status().isMovedPermanently())
                .andExpect(header().string("Location", "/openapi/v3/apis/apps/v1?hash=" + hash));
    }

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
