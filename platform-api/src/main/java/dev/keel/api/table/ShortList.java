package dev.keel.api.table;

import java.util.ArrayList;
import java.util.List;

/** Keeps the first three entries of a long list and says how many more there were: {@code a,b,c + 4 more...}. */
final class ShortList {

    private static final int SHOWN = 3;

    private final List<String> shown = new ArrayList<>();
    private int count;

    void add(String entry) {
        if (shown.size() < SHOWN) {
            shown.add(entry);
        }
        count++;
    }

    boolean isEmpty() {
        return count == 0;
    }

    @Override
    public String toString() {
        String text = String.join(",", shown);
        return count > SHOWN ? text + " + " + (count - SHOWN) + " more..." : text;
    }
}
