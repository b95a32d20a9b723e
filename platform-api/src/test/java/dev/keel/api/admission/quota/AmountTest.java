package dev.keel.api.admission.quota;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Quantities written back as Kubernetes' {@code Quantity.String()} writes them. */
class AmountTest {

    private static String sum(String a, String b) {
        return Amount.parse(a).plus(Amount.parse(b)).toString();
    }

    @Test
    void canonicalForms() {
        assertThat(Amount.parse("500m").toString()).isEqualTo("500m");
        assertThat(Amount.parse("1000m").toString()).isEqualTo("1");
        assertThat(Amount.parse("1000").toString()).isEqualTo("1k");
        assertThat(Amount.parse("1Gi").toString()).isEqualTo("1Gi");
        assertThat(Amount.parse("1024Mi").toString()).isEqualTo("1Gi");
        assertThat(Amount.parse("0.5").toString()).isEqualTo("500m");
        assertThat(Amount.parse("1G").toString()).isEqualTo("1G");
        assertThat(Amount.ZERO.toString()).isEqualTo("0");
    }

    @Test
    void sumsKeepTheFirstFormat() {
        assertThat(sum("1Gi", "512Mi")).isEqualTo("1536Mi");
        assertThat(sum("600m", "600m")).isEqualTo("1200m");
        assertThat(sum("0", "256Mi")).isEqualTo("256Mi");
        assertThat(sum("500m", "500m")).isEqualTo("1");
    }

    @Test
    void subtractionStopsAtZero() {
        assertThat(Amount.parse("1").minusAtLeastZero(Amount.parse("2")).isZero()).isTrue();
    }
}
