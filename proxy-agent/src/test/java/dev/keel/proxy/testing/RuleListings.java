package dev.keel.proxy.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The proxy's objects from {@code iptables-save} or {@code nft list table} in a form that two rule sets with the
 * same content list alike, whatever order their chains and map elements were made in. The order of rules within
 * a chain is kept: it matters.
 */
public final class RuleListings {

    private RuleListings() {
    }

    /** Lines naming a {@code KEEL-} chain, each prefixed with its table; chains sorted, rules kept in order. */
    public static String iptables(String save) {
        List<String> declarations = new ArrayList<>();
        List<String> rules = new ArrayList<>();
        String table = "";
        for (String line : save.split("\n")) {
            if (line.startsWith("*")) {
                table = line.substring(1);
            } else if (line.contains("KEEL-")) {
                (line.startsWith(":") ? declarations : rules).add(table + " " + line);
            }
        }
        declarations.sort(null);
        // A stable sort by table and chain: rules of one chain keep their order.
        rules.sort(Comparator.comparing(RuleListings::tableAndChain));
        declarations.addAll(rules);
        return String.join("\n", declarations);
    }

    /** Top-level blocks (chains, maps, sets) sorted by name, with the elements of each map sorted. */
    public static String nftables(String listing) {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : listing.split("\n")) {
            if (line.matches("\t(chain|map|set) .*\\{")) {
                block = new StringBuilder();
            }
            if (block != null) {
                block.append(line.trim()).append(' ');
                if (line.equals("\t}")) {
                    blocks.add(sortElements(block.toString().trim()));
                    block = null;
                }
            }
        }
        blocks.sort(null);
        return String.join("\n", blocks);
    }

    private static String tableAndChain(String rule) {
        String[] words = rule.split(" ", 4);
        return words[0] + " " + words[2];
    }

    private static String sortElements(String block) {
        int start = block.indexOf("elements = { ");
        if (start < 0) {
            return block;
        }
        int open = start + "elements = { ".length();
        int close = block.indexOf(" }", open);
        String sorted = Arrays.stream(block.substring(open, close).split(",")).map(String::trim).sorted()
                .collect(Collectors.joining(", "));
        return block.substring(0, open) + sorted + block.substring(close);
    }
}
