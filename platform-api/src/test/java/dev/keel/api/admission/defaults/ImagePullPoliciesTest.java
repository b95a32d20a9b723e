package dev.keel.api.admission.defaults;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImagePullPoliciesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "nginx, Always",
            "nginx:latest, Always",
            "nginx:1.27, IfNotPresent",
            "docker.io/library/nginx, Always",
            "registry.local:5000/team/app, Always",
            "registry.local:5000/team/app:v2, IfNotPresent",
            "nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31, IfNotPresent",
            "nginx:latest@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31, Always",
            "localhost:5000/app:latest, Always",
    })
    void latestOrUntaggedImagesArePulledAlways(String image, String policy) {
        assertThat(ImagePullPolicies.forImage(image)).isEqualTo(policy);
    }
}
