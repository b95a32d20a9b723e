package dev.keel.api.admission.validation;

import dev.keel.api.admission.FieldErrors;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.ArrayList;
import java.util.List;

/** Liveness, readiness and startup probes, and lifecycle hooks: one handler each, sane timings. */
public final class ProbeRules {

    /** Which probe is checked; liveness and startup probes must succeed once to count. */
    public enum Kind { LIVENESS, READINESS, STARTUP }

    private ProbeRules() {
    }

    public static void probe(FieldErrors errors, String path, Probe probe, Kind kind) {
        if (probe == null) {
            return;
        }
        List<String> handlers = new ArrayList<>();
        if (probe.getExec() != null) {
            handlers.add("exec");
            if (probe.getExec().getCommand() == null || probe.getExec().getCommand().isEmpty()) {
                errors.required(path + ".exec.command", "");
            }
        }
        if (probe.getHttpGet() != null) {
            handlers.add("httpGet");
            httpGet(errors, path + ".httpGet", probe.getHttpGet());
        }
        if (probe.getTcpSocket() != null) {
            handlers.add("tcpSocket");
            portNumberOrName(errors, path + ".tcpSocket.port", probe.getTcpSocket().getPort());
        }
        if (probe.getGrpc() != null) {
            handlers.add("grpc");
            errors.invalidEach(path + ".grpc.port", probe.getGrpc().getPort(),
                    NameRules.portNumber(probe.getGrpc().getPort() == null ? 0 : probe.getGrpc().getPort()));
        }
        checkHandlerCount(errors, path, handlers);
        nonNegative(errors, path + ".initialDelaySeconds", probe.getInitialDelaySeconds());
        nonNegative(errors, path + ".timeoutSeconds", probe.getTimeoutSeconds());
        nonNegative(errors, path + ".periodSeconds", probe.getPeriodSeconds());
        nonNegative(errors, path + ".successThreshold", probe.getSuccessThreshold());
        nonNegative(errors, path + ".failureThreshold", probe.getFailureThreshold());
        if (kind != Kind.READINESS && probe.getSuccessThreshold() != null && probe.getSuccessThreshold() != 1) {
            errors.invalid(path + ".successThreshold", probe.getSuccessThreshold(), "must be 1");
        }
        Long grace = probe.getTerminationGracePeriodSeconds();
        if (grace != null) {
            if (kind == Kind.READINESS) {
                errors.invalid(path + ".terminationGracePeriodSeconds", grace, "must not be set for readinessProbes");
            } else if (grace <= 0) {
                errors.invalid(path + ".terminationGracePeriodSeconds", grace, "must be greater than 0");
            }
        }
    }

    public static void lifecycleHandler(FieldErrors errors, String path, LifecycleHandler handler) {
        if (handler == null) {
            return;
        }
        List<String> handlers = new ArrayList<>();
        if (handler.getExec() != null) {
            handlers.add("exec");
            if (handler.getExec().getCommand() == null || handler.getExec().getCommand().isEmpty()) {
                errors.required(path + ".exec.command", "");
            }
        }
        if (handler.getHttpGet() != null) {
            handlers.add("httpGet");
            httpGet(errors, path + ".httpGet", handler.getHttpGet());
        }
        if (handler.getTcpSocket() != null) {
            handlers.add("tcpSocket");
            portNumberOrName(errors, path + ".tcpSocket.port", handler.getTcpSocket().getPort());
        }
        if (handler.getSleep() != null) {
            handlers.add("sleep");
        }
        checkHandlerCount(errors, path, handlers);
    }

    /** A port given by number (1-65535) or by the name of a container port. */
    public static void portNumberOrName(FieldErrors errors, String path, IntOrString port) {
        if (port == null) {
            errors.invalid(path, 0, NameRules.inclusiveRange(1, 65535));
        } else if (port.getStrVal() != null) {
            errors.invalidEach(path, port.getStrVal(), NameRules.portName(port.getStrVal()));
        } else {
            int number = port.getIntVal() == null ? 0 : port.getIntVal();
            errors.invalidEach(path, number, NameRules.portNumber(number));
        }
    }

    private static void httpGet(FieldErrors errors, String path, HTTPGetAction action) {
        if (action.getPath() == null || action.getPath().isEmpty()) {
            errors.required(path + ".path", "");
        }
        portNumberOrName(errors, path + ".port", action.getPort());
        String scheme = action.getScheme();
        if (scheme != null && !scheme.equals("HTTP") && !scheme.equals("HTTPS")) {
            errors.notSupported(path + ".scheme", scheme, List.of("HTTP", "HTTPS"));
        }
    }

    private static void checkHandlerCount(FieldErrors errors, String path, List<String> handlers) {
        if (handlers.isEmpty()) {
            errors.required(path, "must specify a handler type");
        } else if (handlers.size() > 1) {
            errors.forbidden(path + "." + handlers.get(1), "may not specify more than 1 handler type");
        }
    }

    private static void nonNegative(FieldErrors errors, String path, Integer value) {
        if (value != null && value < 0) {
            errors.invalid(path, value, "must be greater than or equal to 0");
        }
    }
}
