package dev.keel.api.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.api.status.ApiException;
import org.junit.jupiter.api.Test;

class SchemeNamePortTest {

    @Test
    void aNameAlone() {
        assertThat(SchemeNamePort.parse("web", "pod")).isEqualTo(new SchemeNamePort("", "web", ""));
    }

    @Test
    void aNameAndAPortNumberOrName() {
        assertThat(SchemeNamePort.parse("web-1:8080", "pod")).isEqualTo(new SchemeNamePort("", "web-1", "8080"));
        assertThat(SchemeNamePort.parse("web:http", "service")).isEqualTo(new SchemeNamePort("", "web", "http"));
    }

    @Test
    void aSchemeNameAndPort() {
        SchemeNamePort parsed = SchemeNamePort.parse("https:web:443", "service");

        assertThat(parsed).isEqualTo(new SchemeNamePort("https", "web", "443"));
        assertThat(parsed.schemeOrHttp()).isEqualTo("https");
        assertThat(SchemeNamePort.parse("web", "pod").schemeOrHttp()).isEqualTo("http");
    }

    @Test
    void anUnknownSchemeTooManyPartsOrNoNameAreBadRequests() {
        for (String id : new String[] {"ftp:web:21", "a:b:c:d", ":80", "http::80"}) {
            assertThatThrownBy(() -> SchemeNamePort.parse(id, "service")).as(id).isInstanceOf(ApiException.class)
                    .hasMessage("invalid service request \"" + id + "\"");
        }
    }
}
