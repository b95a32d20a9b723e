package dev.keel.api.admission.validation;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;

/** Resource quantities as numbers, for comparisons ("1500m" is more than "1"). */
public final class Quantities {

    /** Upstream's wording for a quantity that does not parse. */
    public static final String SYNTAX = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

    private Quantities() {
    }

    /** The value in base units, or null when the quantity does not parse. */
    public static BigDecimal value(Quantity quantity) {
        if (quantity == null || quantity.getAmount() == null || quantity.getAmount().isEmpty()) {
            return null;
        }
        try {
            return Quantity.getAmountInBytes(quantity);
        } catch (ArithmeticException | IllegalArgumentException unparsable) {
            return null;
        }
    }

    /** The quantity as written, e.g. {@code 500m}. */
    public static String text(Quantity quantity) {
        String amount = quantity.getAmount() == null ? "" : quantity.getAmount();
        return quantity.getFormat() == null ? amount : amount + quantity.getFormat();
    }
}
