package dev.keel.api.admission.quota;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A resource quantity to add, subtract and compare, written back in Kubernetes' canonical form ({@code 1536Mi},
 * {@code 500m}, {@code 2}): binary suffixes stay binary unless the value is below 1024 or not whole, decimal values
 * take the largest suffix that keeps the number whole (at most nano precision, rounded up as Kubernetes does).
 */
public record Amount(BigDecimal value, boolean binary) implements Comparable<Amount> {

    public static final Amount ZERO = new Amount(BigDecimal.ZERO, false);
    public static final Amount ONE = new Amount(BigDecimal.ONE, false);

    private static final String[] DECIMAL_SUFFIXES = {"n", "u", "m", "", "k", "M", "G", "T", "P", "E"};
    private static final String[] BINARY_SUFFIXES = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    private static final BigDecimal KIBI = BigDecimal.valueOf(1024);

    /** The quantity's value, or null when it does not parse. */
    public static Amount of(Quantity quantity) {
        if (quantity == null || quantity.getAmount() == null || quantity.getAmount().isEmpty()) {
            return null;
        }
        try {
            String format = quantity.getFormat() == null ? "" : quantity.getFormat();
            return new Amount(Quantity.getAmountInBytes(quantity), format.endsWith("i"));
        } catch (ArithmeticException | IllegalArgumentException unparsable) {
            return null;
        }
    }

    /** Parses {@code text} (e.g. {@code 1Gi}); null when it does not parse. */
    public static Amount parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return of(new Quantity(text));
        } catch (IllegalArgumentException unparsable) {
            return null;
        }
    }

    /** The sum, in the format of this amount (a zero takes the other's), as Kubernetes' {@code Quantity.Add}. */
    public Amount plus(Amount other) {
        boolean format = value.signum() == 0 && !binary ? other.binary : binary;
        return new Amount(value.add(other.value), format);
    }

    /** The difference, never below zero. */
    public Amount minusAtLeastZero(Amount other) {
        BigDecimal difference = value.subtract(other.value);
        return new Amount(difference.signum() < 0 ? BigDecimal.ZERO : difference, binary);
    }

    public boolean isZero() {
        return value.signum() == 0;
    }

    public boolean isNegative() {
        return value.signum() < 0;
    }

    public boolean isWhole() {
        return value.stripTrailingZeros().scale() <= 0;
    }

    @Override
    public int compareTo(Amount other) {
        return value.compareTo(other.value);
    }

    public Quantity toQuantity() {
        return new Quantity(toString());
    }

    /** The canonical text, as Kubernetes' {@code Quantity.String()}. */
    @Override
    public String toString() {
        if (value.signum() == 0) {
            return "0";
        }
        BigDecimal magnitude = value.abs();
        String sign = value.signum() < 0 ? "-" : "";
        if (binary && magnitude.compareTo(KIBI) >= 0 && isWhole()) {
            BigDecimal mantissa = magnitude;
            int power = 0;
            while (power < BINARY_SUFFIXES.length - 1 && mantissa.remainder(KIBI).signum() == 0) {
                mantissa = mantissa.divide(KIBI);
                power++;
            }
            return sign + mantissa.toBigInteger() + BINARY_SUFFIXES[power];
        }
        // Nano is the finest precision a quantity keeps; anything finer rounds up.
        BigDecimal nanos = magnitude.movePointRight(9).setScale(0, RoundingMode.CEILING);
        int exponent = -9;
        while (exponent < 18 && nanos.remainder(BigDecimal.valueOf(1000)).signum() == 0) {
            nanos = nanos.divide(BigDecimal.valueOf(1000));
            exponent += 3;
        }
        return sign + nanos.toBigInteger() + DECIMAL_SUFFIXES[(exponent + 9) / 3];
    }
}
