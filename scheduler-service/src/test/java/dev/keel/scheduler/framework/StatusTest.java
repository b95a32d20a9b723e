package dev.keel.scheduler.framework;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatusTest {

    @Test
    void rejectionsRememberTheirPlugin() {
        Status status = Status.unschedulable("Insufficient cpu").from("NodeResourcesFit");

        assertThat(status.isRejected()).isTrue();
        assertThat(status.plugin()).isEqualTo("NodeResourcesFit");
        assertThat(status.message()).isEqualTo("Insufficient cpu");
    }

    @Test
    void successCarriesNoPlugin() {
        assertThat(Status.success().from("X").plugin()).isNull();
    }
}
