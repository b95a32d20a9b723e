package dev.keel.reconciler.daemonset;

import io.fabric8.kubernetes.api.model.IntOrString;

/** An int-or-percent rollout limit as a number of pods (percentages of {@code total}, rounded up). */
final class Scaled {

    private Scaled() {
    }

    static int value(IntOrString value, int total, int absent) {
        if (value == null) {
            return absent;
        }
        if (value.getIntVal() != null) {
            return value.getIntVal();
        }
        String text = value.getStrVal();
        if (text != null && text.endsWith("%")) {
            int percent = Integer.parseInt(text.substring(0, text.length() - 1));
            return (int) Math.ceil(percent * total / 100.0);
        }
        return Integer.parseInt(text);
    }
}
