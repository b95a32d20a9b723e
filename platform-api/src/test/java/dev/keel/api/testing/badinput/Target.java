package dev.keel.api.testing.badinput;

/** What a request acts on, so the runner can set it up before and compare storage after. */
public enum Target {
    /** Nothing stored: discovery, health, list and watch requests. */
    NONE,
    /** A new object named in the request; a rejected create must leave it absent. */
    NEW,
    /** The kind's long-lived fixture object; a rejected update must leave it as it was. */
    FIXTURE,
    /** A fresh object created just before (for DELETE); a rejected delete must leave it as it was. */
    VICTIM
}
