package dev.keel.api.security;

import dev.keel.api.security.pki.AtomicFiles;
import dev.keel.api.security.pki.CertificateAuthority;
import dev.keel.api.security.pki.CertificateKeyPair;
import dev.keel.api.security.pki.CertificateProfile;
import dev.keel.api.security.pki.ClientIdentity;
import dev.keel.api.security.pki.IssuedCertificates;
import dev.keel.api.security.pki.SubjectAlternativeNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credentials the API server needs before it serves: the CA, its serving certificate, the admin's client
 * certificate and the token file (created with an admin token on first start). Everything is kept on disk and
 * reused on restart.
 */
public final class ClusterCredentials {

    /** Subject CN of the serving certificate. */
    public static final String SERVER_COMMON_NAME = "keel-apiserver";
    public static final String SERVER_CERTIFICATE = "apiserver";
    public static final String ADMIN_CERTIFICATE = "admin";

    private static final Logger log = LoggerFactory.getLogger(ClusterCredentials.class);

    private final IssuedCertificates issued;
    private final CertificateKeyPair server;
    private final CertificateKeyPair admin;
    private final TokenFile tokens;

    private ClusterCredentials(IssuedCertificates issued, CertificateKeyPair server, CertificateKeyPair admin, TokenFile tokens) {
        this.issued = issued;
        this.server = server;
        this.admin = admin;
        this.tokens = tokens;
    }

    /** Loads what exists under the configured paths and creates or reissues what is missing or outdated. */
    public static ClusterCredentials prepare(ApiSecurityProperties properties, Clock clock) {
        Path dir = properties.getPkiDir();
        AtomicFiles.createPrivateDirectories(dir);
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir, properties.getCaValidity(), clock);
        IssuedCertificates issued = new IssuedCertificates(ca, dir, properties.getCertValidity(), clock);
        CertificateKeyPair server = issued.ensure(SERVER_CERTIFICATE, CertificateProfile.server(SERVER_COMMON_NAME,
                SubjectAlternativeNames.parse(properties.getServerSans())));
        CertificateKeyPair admin = issued.ensureClient(ADMIN_CERTIFICATE, ClientIdentity.admin());
        Path tokenFile = properties.resolvedTokenFile();
        if (!Files.exists(tokenFile)) {
            createTokenFile(tokenFile, properties.adminTokenFile());
        }
        TokenFile tokens = TokenFile.read(tokenFile);
        log.info("PKI ready in {}: serving certificate for {}; {} static token(s) from {}", dir.toAbsolutePath(),
                properties.getServerSans(), tokens.size(), tokenFile);
        return new ClusterCredentials(issued, server, admin, tokens);
    }

    public CertificateAuthority ca() {
        return issued.ca();
    }

    /** Issues further certificates (node agents, scheduler, controller manager) from the same CA and directory. */
    public IssuedCertificates issued() {
        return issued;
    }

    public CertificateKeyPair server() {
        return server;
    }

    public CertificateKeyPair admin() {
        return admin;
    }

    public TokenFile tokens() {
        return tokens;
    }

    private static void createTokenFile(Path tokenFile, Path adminTokenFile) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String token = HexFormat.of().formatHex(secret);
        ClientIdentity admin = ClientIdentity.admin();
        // The admin token file first: if we stop in between, the next start makes a new pair.
        AtomicFiles.writePrivate(adminTokenFile, (token + "\n").getBytes(StandardCharsets.US_ASCII));
        AtomicFiles.writePrivate(tokenFile, TokenFile.line(token, admin.user(), admin.user(), admin.groups())
                .getBytes(StandardCharsets.UTF_8));
        log.info("Created token file {} with an admin token (also in {})", tokenFile, adminTokenFile);
    }
}
