package dev.keel.node.logrotation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rotation decisions on names alone: what is removed, what is compressed, what a follower can read. */
class RotatedLogNamesTest {

    private static final LogRotationPolicy FIVE = new LogRotationPolicy(10 * 1024 * 1024, 5);

    @Test
    void rotatedNameIsTheLiveNameWithTheKubeletsTimestamp() {
        assertThat(RotatedLogNames.rotatedName("0.log", LocalDateTime.parse("2026-12-07T17:05:09")))
            .isEqualTo("0.log.20261207-170509");
    }

    @Test
    void onlyTheFilesOfThisLogCount() {
        assertThat(RotatedLogNames.isRotated("0.log", "0.log.20261207-170509")).isTrue();
        assertThat(RotatedLogNames.isRotated("0.log", "0.log.20261207-170509.gz")).isTrue();
        assertThat(RotatedLogNames.isRotated("0.log", "0.log")).isFalse();
        assertThat(RotatedLogNames.isRotated("0.log", "10.log.20261207-170509")).isFalse();
        assertThat(RotatedLogNames.isRotated("0.log", "1.log")).isFalse();
    }

    @Test
    void firstRotationTouchesNothing() {
        RotatedLogNames.Plan plan = RotatedLogNames.plan("0.log", List.of("0.log", "1.log"), FIVE);
        assertThat(plan.remove()).isEmpty();
        assertThat(plan.compress()).isEmpty();
    }

    @Test
    void theRotatedFileBeforeIsCompressedAtTheNextRotation() {
        RotatedLogNames.Plan plan = RotatedLogNames.plan("0.log",
            List.of("0.log", "0.log.20261207-170000.gz", "0.log.20261207-170010"), FIVE);
        assertThat(plan.remove()).isEmpty();
        assertThat(plan.compress()).containsExactly("0.log.20261207-170010");
    }

    @Test
    void theOldestBeyondMaxFilesMinusTwoAreRemovedOldestFirst() {
        // 5 files: the live one, the one about to be rotated, and at most 3 older ones.
        List<String> names = List.of("0.log", "0.log.20261207-170040", "0.log.20261207-170000.gz",
            "0.log.20261207-170010.gz", "0.log.20261207-170020.gz", "0.log.20261207-170030.gz");
        RotatedLogNames.Plan plan = RotatedLogNames.plan("0.log", names, FIVE);
        assertThat(plan.remove()).containsExactly("0.log.20261207-170000.gz", "0.log.20261207-170010.gz");
        assertThat(plan.compress()).containsExactly("0.log.20261207-170040");
    }

    @Test
    void twoFilesKeepNoOlderRotatedFile() {
        RotatedLogNames.Plan plan = RotatedLogNames.plan("0.log", List.of("0.log", "0.log.20261207-170000"),
            new LogRotationPolicy(1024, 2));
        assertThat(plan.remove()).containsExactly("0.log.20261207-170000");
        assertThat(plan.compress()).isEmpty();
    }

    @Test
    void leftoversOfAnInterruptedCompressionAreRemoved() {
        // Stopped after writing the .gz but before removing the original; or while writing the temporary file.
        RotatedLogNames.Plan plan = RotatedLogNames.plan("0.log", List.of("0.log", "0.log.20261207-170000",
            "0.log.20261207-170000.gz", "0.log.20261207-170010", "0.log.20261207-170010.tmp"), FIVE);
        assertThat(plan.remove()).containsExactly("0.log.20261207-170000", "0.log.20261207-170010.tmp");
        assertThat(plan.compress()).containsExactly("0.log.20261207-170010");
    }

    @Test
    void aFollowersChainIsEveryRotatedFileByItsNameBeforeCompressionOldestFirst() {
        assertThat(RotatedLogNames.chain("0.log", List.of("0.log", "0.log.20261207-170010",
            "0.log.20261207-170000.gz", "0.log.20261207-170020.tmp", "0.log.20261207-170005", "1.log",
            "0.log.20261207-170005.gz")))
            .containsExactly("0.log.20261207-170000", "0.log.20261207-170005", "0.log.20261207-170010");
    }

    @Test
    void dueAtTheMaximumSizeUnlessOff() {
        LogRotationPolicy small = new LogRotationPolicy(64 * 1024, 3);
        assertThat(small.due(64 * 1024 - 1)).isFalse();
        assertThat(small.due(64 * 1024)).isTrue();
        assertThat(new LogRotationPolicy(-1, 5).due(Long.MAX_VALUE)).isFalse();
    }
}
