package dev.keel.api.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What each write mode means for ObjectWriter.update (it replaced two boolean flags). */
class WriteModeTest {

    @Test
    void onlyAnApplyToTheMainResourceCreates() {
        assertThat(WriteMode.apply(null)).isEqualTo(WriteMode.APPLY_CREATING);
        assertThat(WriteMode.apply("status")).isEqualTo(WriteMode.APPLY);
        assertThat(WriteMode.APPLY_CREATING.createsIfAbsent()).isTrue();
        assertThat(WriteMode.UPDATE.createsIfAbsent()).isFalse();
        assertThat(WriteMode.APPLY.createsIfAbsent()).isFalse();
        assertThat(WriteMode.WITHOUT_MANAGED_FIELDS.createsIfAbsent()).isFalse();
    }

    @Test
    void onlyPlainUpdatesRecordTheFieldManagersEntry() {
        assertThat(WriteMode.UPDATE.recordsManagedFields()).isTrue();
        assertThat(WriteMode.APPLY.recordsManagedFields()).isFalse();
        assertThat(WriteMode.APPLY_CREATING.recordsManagedFields()).isFalse();
        assertThat(WriteMode.WITHOUT_MANAGED_FIELDS.recordsManagedFields()).isFalse();
    }
}
