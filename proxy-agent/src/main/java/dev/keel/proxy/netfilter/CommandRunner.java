package dev.keel.proxy.netfilter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs netfilter tools (iptables, iptables-restore, nft, ip), each behind an optional command prefix such as
 * {@code ip netns exec node1}, so the same writer programs the host or a network namespace.
 */
public class CommandRunner {

    private final List<String> prefix;

    public CommandRunner(List<String> prefix) {
        this.prefix = List.copyOf(prefix);
    }

    /** The prefix that places a command in its network namespace, e.g. {@code [ip, netns, exec, node1]}. */
    public List<String> prefix() {
        return prefix;
    }

    /** Runs the command with the given standard input (may be empty); returns its exit code and output. */
    public CommandResult run(List<String> command, String stdin) {
        List<String> argv = new ArrayList<>(prefix);
        argv.addAll(command);
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new NetfilterException("could not start " + String.join(" ", argv), e);
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The tool may exit early on bad input; its exit code and output say why.
        }
        try {
            int exit = process.waitFor();
            return new CommandResult(argv, exit, output.join());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new NetfilterException("interrupted while running " + String.join(" ", argv), e);
        }
    }

    /** Runs the command and fails with its output unless it exits with 0. */
    public String runChecked(List<String> command, String stdin) {
        CommandResult result = run(command, stdin);
        if (result.exitCode() != 0) {
            throw new NetfilterException(result.describe());
        }
        return result.output();
    }

    private static String readAll(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
