package dev.keel.scheduler.framework;

/** A scheduling plugin. It also implements one or more extension-point interfaces of this package. */
public interface Plugin {

    /** The name profiles refer to it by, e.g. "NodeResourcesFit". */
    String name();
}
