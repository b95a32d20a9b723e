package dev.keel.api.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.testing.badinput.BadInputReport;
import dev.keel.api.testing.badinput.BadInputRun;
import dev.keel.api.testing.badinput.Credentials;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Thousands of generated malformed requests against the in-process platform-api over real etcd: none may get a
 * 5xx or no answer, be accepted where Kubernetes rejects it, change what is stored when rejected, or be answered
 * otherwise than kube-apiserver answers it.
 */
class BadInputRunTest extends ApiServerTest {

    private static final int REQUESTS = Integer.getInteger("keel.badinput.count", 3000);
    private static final long SEED = Long.getLong("keel.badinput.seed", 13L);

    @Test
    void generatedBadInputIsAnsweredAsKubernetesAnswersIt() {
        BadInputReport report = BadInputRun.against(URI.create("https://127.0.0.1:" + port),
                        Credentials.bearerToken(stateDir().resolve("pki/ca.crt"), readAdminToken()))
                .seed(SEED).count(REQUESTS).parallelism(3).deadline(Duration.ofMinutes(10)).run();

        assertThat(report.sent()).isEqualTo(REQUESTS);
        assertThat(report.problems()).as(report.summary(200)).isEmpty();
    }
}
