package dev.keel.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileTest {

    @Test
    void readsUsersWithQuotedGroups() {
        TokenFile tokens = TokenFile.parse(List.of(
                "# admins",
                "t0k3n,admin,1,\"system:masters,ops\"",
                "",
                "other, jane ,2, \"dev\"",
                "nogroups,bob,3",
                "quoted,\"doe, john\",4,\"a \"\"quoted\"\" group\""), "tokens.csv");

        assertThat(tokens.size()).isEqualTo(4);
        assertThat(tokens.authenticate("t0k3n")).contains(
                new UserInfo("admin", "1", List.of("system:masters", "ops", "system:authenticated")));
        assertThat(tokens.authenticate("other")).contains(new UserInfo("jane", "2", List.of("dev", "system:authenticated")));
        assertThat(tokens.authenticate("nogroups")).contains(new UserInfo("bob", "3", List.of("system:authenticated")));
        assertThat(tokens.authenticate("quoted")).contains(
                new UserInfo("doe, john", "4", List.of("a \"quoted\" group", "system:authenticated")));
        assertThat(tokens.authenticate("unknown")).isEmpty();
        assertThat(tokens.authenticate("t0k3n ")).isEmpty();
    }

    @Test
    void malformedLinesNameTheirLine() {
        assertMalformed(List.of("ok,u,1", "onlytoken,user"), "tokens.csv, line 2: expected token,user,uid[,\"group1,group2\"] but found 2 columns");
        assertMalformed(List.of("t,u,1,\"a,b"), "line 1: the quote opened at column 7 is not closed");
        assertMalformed(List.of("", "t,u,1,a\"b"), "line 2: a quote inside the unquoted field");
        assertMalformed(List.of("t,u,1,\"a\"b"), "line 1: unexpected 'b' after the closing quote at column 10");
        assertMalformed(List.of("t,u,1,g1,g2"), "line 1: expected at most 4 columns but found 5; put several groups in one quoted column");
        assertMalformed(List.of(",u,1"), "line 1: the token is empty");
        assertMalformed(List.of("t,,1"), "line 1: the user name is empty");
        assertMalformed(List.of("t,u,1", "# comment", "t,v,2"), "line 3: the same token is already on line 1");
    }

    @Test
    void writtenLinesReadBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tokens.csv");
        Files.writeString(file, TokenFile.line("abc", "admin", "admin", List.of("system:masters", "ops"))
                + TokenFile.line("#hash", "x,y", "", List.of()));

        TokenFile tokens = TokenFile.read(file);

        assertThat(Files.readString(file)).startsWith("abc,admin,admin,\"system:masters,ops\"\n");
        assertThat(tokens.authenticate("abc")).contains(
                new UserInfo("admin", "admin", List.of("system:masters", "ops", "system:authenticated")));
        assertThat(tokens.authenticate("#hash")).contains(new UserInfo("x,y", "", List.of("system:authenticated")));
    }

    @Test
    void aMissingFileIsAnErrorNamingIt(@TempDir Path dir) {
        assertThatThrownBy(() -> TokenFile.read(dir.resolve("absent.csv"))).hasMessageContaining("absent.csv");
    }

    private static void assertMalformed(List<String> lines, String message) {
        assertThatThrownBy(() -> TokenFile.parse(lines, "tokens.csv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
