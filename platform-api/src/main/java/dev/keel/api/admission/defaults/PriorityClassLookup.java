package dev.keel.api.admission.defaults;

import java.util.Optional;

/** Reads PriorityClasses for the Priority admission step of pod creation. */
public interface PriorityClassLookup {

    /**
     * A class's value and preemption policy.
     *
     * @param name             the class name
     * @param value            its priority
     * @param preemptionPolicy PreemptLowerPriority or Never
     */
    record PriorityClassValue(String name, int value, String preemptionPolicy) {
    }

    /** The class of that name, if it exists. */
    Optional<PriorityClassValue> find(String name);

    /** The global default class (the lowest value if several claim to be it), if any. */
    Optional<PriorityClassValue> globalDefault();

    /** Only the built-in system classes: for tests that run admission without a store. */
    PriorityClassLookup NONE = new PriorityClassLookup() {
        public Optional<PriorityClassValue> find(String name) {
            return Optional.empty();
        }

        public Optional<PriorityClassValue> globalDefault() {
            return Optional.empty();
        }
    };
}
