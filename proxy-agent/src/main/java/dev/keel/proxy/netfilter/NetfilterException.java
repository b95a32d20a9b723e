package dev.keel.proxy.netfilter;

/** A netfilter tool could not be run or refused its input; the message carries the tool's own output. */
public class NetfilterException extends RuntimeException {

    public NetfilterException(String message) {
        super(message);
    }

    public NetfilterException(String message, Throwable cause) {
        super(message, cause);
    }
}
