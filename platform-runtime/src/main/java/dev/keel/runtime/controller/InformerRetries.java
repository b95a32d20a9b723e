package dev.keel.runtime.controller;

import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An informer's answer to a failed list or watch: always try again. fabric8's default gives up for good on a
 * WatcherException (an event it could not decode, a watch response it could not read) and on a list that fails
 * before the first sync; as client-go's reflector, ours re-lists with fabric8's exponential back-off instead, so
 * the cache starts again from a fresh list and the event that broke the watch is not needed.
 */
public final class InformerRetries implements ExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(InformerRetries.class);
    private static final Pattern METADATA = Pattern.compile("\"metadata\"\\s*:\\s*\\{");
    private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]{0,253})\"");
    private static final Pattern NAMESPACE = Pattern.compile("\"namespace\"\\s*:\\s*\"([^\"]{0,63})\"");
    private static final int SCANNED = 64 * 1024;

    private final String kind;

    public InformerRetries(String kind) {
        this.kind = kind;
    }

    @Override
    public boolean retryAfterException(boolean isStarted, Throwable failure) {
        if (failure instanceof WatcherException watcherFailure && watcherFailure.getRawWatchMessage().isPresent()) {
            log.warn("Informer for {}: skipped a watch event it could not decode (object {}); re-listing: {}", kind,
                    objectKey(watcherFailure.getRawWatchMessage().get()), rootCause(failure));
        } else {
            log.warn("Informer for {}: {} failed; re-listing after a back-off: {}", kind,
                    isStarted ? "watch" : "initial list", rootCause(failure));
            log.debug("Informer for {}: failure", kind, failure);
        }
        return true;
    }

    /** namespace/name of the object a raw watch event carries, read leniently: the event may not be valid JSON. */
    static String objectKey(String rawEvent) {
        String head = rawEvent.length() > SCANNED ? rawEvent.substring(0, SCANNED) : rawEvent;
        Matcher metadata = METADATA.matcher(head);
        if (!metadata.find()) {
            return "unknown";
        }
        String rest = head.substring(metadata.end());
        Matcher name = NAME.matcher(rest);
        Matcher namespace = NAMESPACE.matcher(rest);
        String objectName = name.find() ? name.group(1) : "unknown";
        return namespace.find() ? namespace.group(1) + "/" + objectName : objectName;
    }

    /** The innermost cause, cut short: fabric8 puts the whole event (up to megabytes) into some messages. */
    private static String rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String text = cause.toString();
        return text.length() > 500 ? text.substring(0, 500) + "..." : text;
    }
}
