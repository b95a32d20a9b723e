package dev.keel.proxy.rules.iptables;

import java.util.ArrayList;
import java.util.List;

/**
 * A model of what makes {@code iptables-nft-restore} 1.8.x slow: within a table, the name of every chain a line
 * declares, appends to, deletes or jumps to goes into a sorted linked list, walked from its head each time. Counts
 * the steps of those walks for a batch, so a test can tell a batch that grows linearly from one that grows
 * quadratically without timing anything.
 */
final class RestoreChainListModel {

    private RestoreChainListModel() {
    }

    /** The list steps a batch costs, summed over its tables. */
    static long steps(String batch) {
        long steps = 0;
        List<String> sorted = new ArrayList<>();
        for (String line : batch.split("\n")) {
            if (line.startsWith("*")) {
                sorted = new ArrayList<>();
            } else if (line.startsWith(":")) {
                steps += insert(sorted, line.substring(1, line.indexOf(' ')));
            } else if (line.startsWith("-X ")) {
                steps += insert(sorted, line.substring(3));
            } else if (line.startsWith("-A ")) {
                String[] words = line.split(" ");
                steps += insert(sorted, words[1]);
                String target = words[words.length - 1];
                if (words[words.length - 2].equals("-j") && target.startsWith(IptablesChains.PREFIX)) {
                    steps += insert(sorted, target);
                }
            }
        }
        return steps;
    }

    /** Walks from the head to the name's place, as the list does; returns the steps taken. */
    private static int insert(List<String> sorted, String name) {
        int position = 0;
        while (position < sorted.size()) {
            int order = sorted.get(position).compareTo(name);
            if (order == 0) {
                return position + 1;
            }
            if (order > 0) {
                break;
            }
            position++;
        }
        sorted.add(position, name);
        return position + 1;
    }
}
