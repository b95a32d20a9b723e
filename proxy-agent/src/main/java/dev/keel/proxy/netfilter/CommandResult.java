package dev.keel.proxy.netfilter;

import java.util.List;

/** The outcome of one command: its arguments, exit code and combined standard output and error. */
public record CommandResult(List<String> command, int exitCode, String output) {

    public String describe() {
        return String.join(" ", command) + " exited with " + exitCode + ": " + output.strip();
    }
}
