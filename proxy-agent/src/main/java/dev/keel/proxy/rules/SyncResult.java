package dev.keel.proxy.rules;

/**
 * What one sync wrote.
 *
 * @param rules the number of rules (and map elements, for nftables) in the transaction
 * @param bytes the size of the transaction text
 * @param scope what the sync rewrote: a requested partial sync may have become a full one
 * @param changedPorts the service ports whose own chains the transaction (re)wrote or deleted
 */
public record SyncResult(int rules, int bytes, SyncScope scope, int changedPorts) {
}
