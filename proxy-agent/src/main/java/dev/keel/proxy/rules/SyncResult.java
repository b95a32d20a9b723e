package dev.keel.proxy.rules;

/**
 * What one sync wrote.
 *
 * @param rules the number of rules (and map elements, for nftables) in the transaction
 * @param bytes the size of the transaction text
 */
public record SyncResult(int rules, int bytes) {
}
