package dev.keel.api.codec.protobuf;

/** How many values a field carries: one, a list (repeated field) or a string-keyed map (repeated entry messages). */
enum Cardinality {
    SINGLE, LIST, MAP
}
