package dev.keel.api.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Static bearer tokens in Kubernetes' token file format: one CSV record {@code token,user,uid[,"group1,group2"]}
 * per line. Blank lines and lines starting with {@code #} are skipped. Several groups go in one quoted column, so a
 * fifth column is rejected rather than silently dropped.
 */
public final class TokenFile {

    /** Keyed by SHA-256 of the token: lookups neither keep the secrets around nor compare them char by char. */
    private final Map<String, UserInfo> usersByDigest;

    private TokenFile(Map<String, UserInfo> usersByDigest) {
        this.usersByDigest = Map.copyOf(usersByDigest);
    }

    public static TokenFile read(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read token file " + path, e);
        }
        return parse(lines, path.toString());
    }

    /** Parses {@code lines}; errors name {@code source} and the line number. */
    public static TokenFile parse(List<String> lines, String source) {
        Map<String, UserInfo> users = new HashMap<>();
        Map<String, Integer> lineOfDigest = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> fields;
            try {
                fields = fields(line);
            } catch (IllegalArgumentException e) {
                throw malformed(source, number, e.getMessage());
            }
            if (fields.size() < 3) {
                throw malformed(source, number, "expected token,user,uid[,\"group1,group2\"] but found "
                        + fields.size() + (fields.size() == 1 ? " column" : " columns"));
            }
            if (fields.size() > 4) {
                throw malformed(source, number, "expected at most 4 columns but found " + fields.size()
                        + "; put several groups in one quoted column: \"group1,group2\"");
            }
            String token = fields.get(0);
            String user = fields.get(1);
            if (token.isEmpty()) {
                throw malformed(source, number, "the token is empty");
            }
            if (user.isEmpty()) {
                throw malformed(source, number, "the user name is empty");
            }
            List<String> groups = fields.size() == 4 ? groups(fields.get(3)) : List.of();
            String digest = digest(token);
            Integer previous = lineOfDigest.putIfAbsent(digest, number);
            if (previous != null) {
                throw malformed(source, number, "the same token is already on line " + previous);
            }
            users.put(digest, UserInfo.authenticated(user, fields.get(2), groups));
        }
        return new TokenFile(users);
    }

    /** The user {@code token} belongs to. */
    public Optional<UserInfo> authenticate(String token) {
        return Optional.ofNullable(usersByDigest.get(digest(token)));
    }

    public int size() {
        return usersByDigest.size();
    }

    /** One record in this format, groups quoted. */
    public static String line(String token, String user, String uid, List<String> groups) {
        return String.join(",", quoteIfNeeded(token), quoteIfNeeded(user), quoteIfNeeded(uid),
                quote(String.join(",", groups))) + "\n";
    }

    private static List<String> groups(String column) {
        return Arrays.stream(column.split(",")).map(String::strip).filter(g -> !g.isEmpty()).toList();
    }

    /** RFC 4180 fields of one line; leading spaces of a field are ignored, as Kubernetes' reader does. */
    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        int i = 0;
        while (true) {
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
            StringBuilder field = new StringBuilder();
            if (i < line.length() && line.charAt(i) == '"') {
                int open = i++;
                while (true) {
                    if (i >= line.length()) {
                        throw new IllegalArgumentException("the quote opened at column " + (open + 1) + " is not closed");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < line.length() && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (i < line.length() && line.charAt(i) != ',') {
                    throw new IllegalArgumentException("unexpected '" + line.charAt(i) + "' after the closing quote at column " + (i + 1));
                }
            } else {
                while (i < line.length() && line.charAt(i) != ',') {
                    char c = line.charAt(i++);
                    if (c == '"') {
                        throw new IllegalArgumentException("a quote inside the unquoted field at column " + i
                                + "; quote the whole field and double inner quotes");
                    }
                    field.append(c);
                }
            }
            fields.add(field.toString().strip());
            if (i >= line.length()) {
                return fields;
            }
            i++; // the comma
        }
    }

    private static IllegalArgumentException malformed(String source, int line, String problem) {
        return new IllegalArgumentException("token file " + source + ", line " + line + ": " + problem);
    }

    private static String quoteIfNeeded(String value) {
        return value.contains(",") || value.contains("\"") || value.startsWith(" ") || value.startsWith("#") ? quote(value) : value;
    }

    private static String quote(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static String digest(String token) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
