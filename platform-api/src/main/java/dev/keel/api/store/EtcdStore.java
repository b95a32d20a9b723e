package dev.keel.api.store;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.common.exception.EtcdException;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link RevisionedStore} on etcd v3 through jetcd. Every call is timed in {@code keel.etcd.request}. */
public class EtcdStore implements RevisionedStore {

    private static final Logger log = LoggerFactory.getLogger(EtcdStore.class);

    private final Client client;
    private final KV kv;
    private final Duration timeout;
    private final int maxValueBytes;
    private final MeterRegistry meters;
    private final Duration leaseReuse;
    private long leaseId;
    private long leaseTtlSeconds;
    private long leaseGrantedNanos;

    public EtcdStore(Client client, Duration timeout, int maxValueBytes, MeterRegistry meters) {
        this(client, timeout, maxValueBytes, meters, Duration.ofMinutes(1));
    }

    /**
     * @param leaseReuse how long one etcd lease is shared by writes with the same time to live; each key then
     *                   lives between ttl and ttl + leaseReuse, and etcd holds one lease per window, not per key
     */
    public EtcdStore(Client client, Duration timeout, int maxValueBytes, MeterRegistry meters, Duration leaseReuse) {
        this.client = client;
        this.kv = client.getKVClient();
        this.timeout = timeout;
        this.maxValueBytes = maxValueBytes;
        this.meters = meters;
        this.leaseReuse = leaseReuse;
    }

    @Override
    public Optional<StoredValue> get(String key) {
        GetResponse response = call("get", key, () -> kv.get(bytes(key)));
        return response.getKvs().stream().findFirst().map(EtcdStore::toStored);
    }

    @Override
    public ListPage list(String prefix, String startKey, long revision, long limit) {
        String from = startKey == null ? prefix : startKey;
        GetOption.Builder option = GetOption.builder()
                .withRange(bytes(rangeEnd(prefix)))
                .withRevision(revision)
                .withLimit(limit);
        GetResponse response;
        try {
            response = call("list", prefix, () -> kv.get(bytes(from), option.build()));
        } catch (StoreException e) {
            throw compactedOr(e, revision);
        }
        List<StoredValue> items = new ArrayList<>(response.getKvs().size());
        for (KeyValue keyValue : response.getKvs()) {
            items.add(toStored(keyValue));
        }
        return new ListPage(items, response.getHeader().getRevision(), response.isMore());
    }

    @Override
    public long create(String key, byte[] value, Duration ttl) {
        checkSize(key, value);
        PutOption put = putOption(key, ttl);
        TxnResponse response = call("create", key, () -> kv.txn()
                .If(new Cmp(bytes(key), Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                .Then(Op.put(bytes(key), ByteSequence.from(value), put))
                .commit());
        if (!response.isSucceeded()) {
            throw new KeyExistsException(key);
        }
        return response.getHeader().getRevision();
    }

    @Override
    public long update(String key, byte[] value, long expectedRevision, Duration ttl) {
        checkSize(key, value);
        PutOption put = putOption(key, ttl);
        TxnResponse response = call("update", key, () -> kv.txn()
                .If(new Cmp(bytes(key), Cmp.Op.EQUAL, CmpTarget.modRevision(expectedRevision)))
                .Then(Op.put(bytes(key), ByteSequence.from(value), put))
                .Else(Op.get(bytes(key), GetOption.builder().withKeysOnly(true).build()))
                .commit());
        if (!response.isSucceeded()) {
            throw failedGuard(key, expectedRevision, response);
        }
        return response.getHeader().getRevision();
    }

    @Override
    public long delete(String key, long expectedRevision) {
        TxnResponse response = call("delete", key, () -> kv.txn()
                .If(new Cmp(bytes(key), Cmp.Op.EQUAL, CmpTarget.modRevision(expectedRevision)))
                .Then(Op.delete(bytes(key), DeleteOption.DEFAULT))
                .Else(Op.get(bytes(key), GetOption.builder().withKeysOnly(true).build()))
                .commit());
        if (!response.isSucceeded()) {
            throw failedGuard(key, expectedRevision, response);
        }
        return response.getHeader().getRevision();
    }

    @Override
    public long currentRevision() {
        // A count-only read of an empty range costs etcd nothing and carries the header revision.
        GetResponse response = call("revision", null, () -> kv.get(bytes("\0"),
                GetOption.builder().withCountOnly(true).build()));
        return response.getHeader().getRevision();
    }

    @Override
    public StoreWatch watch(String prefix, long afterRevision, StoreWatchListener listener) {
        WatchOption option = WatchOption.builder()
                .withRange(bytes(rangeEnd(prefix)))
                .withRevision(afterRevision + 1)
                .withPrevKV(true)
                .withProgressNotify(true)
                .build();
        AtomicBoolean ended = new AtomicBoolean();
        Watch watchClient = client.getWatchClient();
        Watch.Watcher watcher = watchClient.watch(bytes(prefix), option, new Watch.Listener() {
            @Override
            public void onNext(WatchResponse response) {
                if (ended.get()) {
                    return;
                }
                List<WatchEvent> events = response.getEvents();
                if (events.isEmpty()) {
                    listener.onProgress(response.getHeader().getRevision());
                    return;
                }
                List<StoreEvent> converted = new ArrayList<>(events.size());
                for (WatchEvent event : events) {
                    converted.add(toStoreEvent(event));
                }
                listener.onEvents(converted);
            }

            @Override
            public void onError(Throwable error) {
                if (!ended.compareAndSet(false, true)) {
                    return;
                }
                if (error instanceof CompactedException compacted) {
                    listener.onError(new RevisionCompactedException(afterRevision, compacted.getCompactedRevision(), error));
                } else {
                    log.warn("etcd watch on {} from revision {} failed", prefix, afterRevision, error);
                    listener.onError(new StoreUnavailableException(prefix, "etcd watch failed: " + error.getMessage(), error));
                }
            }

            @Override
            public void onCompleted() {
                if (ended.compareAndSet(false, true)) {
                    listener.onError(new StoreUnavailableException(prefix, "etcd closed the watch", null));
                }
            }
        });
        return new StoreWatch() {
            @Override
            public void requestProgress() {
                watchClient.requestProgress();
            }

            @Override
            public void close() {
                ended.set(true);
                watcher.close();
            }
        };
    }

    @Override
    public void compact(long revision) {
        call("compact", null, () -> kv.compact(revision));
    }

    @Override
    public void close() {
        client.close();
    }

    private PutOption putOption(String key, Duration ttl) {
        return ttl == null ? PutOption.DEFAULT : PutOption.builder().withLeaseId(lease(key, ttl)).build();
    }

    /** A lease for a write with time to live {@code ttl}: the current one while it is young enough, else a new one. */
    private synchronized long lease(String key, Duration ttl) {
        long ttlSeconds = Math.max(1, ttl.toSeconds()) + leaseReuse.toSeconds();
        long now = System.nanoTime();
        if (leaseId == 0 || leaseTtlSeconds != ttlSeconds || now - leaseGrantedNanos >= leaseReuse.toNanos()) {
            leaseId = call("lease", key, () -> client.getLeaseClient().grant(ttlSeconds)).getID();
            leaseTtlSeconds = ttlSeconds;
            leaseGrantedNanos = now;
        }
        return leaseId;
    }

    private void checkSize(String key, byte[] value) {
        if (value.length > maxValueBytes) {
            throw new ValueTooLargeException(key, value.length, maxValueBytes);
        }
    }

    private StoreException failedGuard(String key, long expectedRevision, TxnResponse response) {
        boolean present = response.getGetResponses().stream().anyMatch(get -> !get.getKvs().isEmpty());
        return present ? new RevisionConflictException(key, expectedRevision) : new KeyNotFoundException(key);
    }

    private static StoreException compactedOr(StoreException e, long revision) {
        Throwable cause = e.getCause();
        boolean compacted = cause instanceof EtcdException etcd && etcd.getErrorCode() == ErrorCode.OUT_OF_RANGE
                || cause != null && String.valueOf(cause.getMessage()).contains("required revision has been compacted");
        if (compacted) {
            long compactRevision = cause instanceof CompactedException c ? c.getCompactedRevision() : -1;
            return new RevisionCompactedException(revision, compactRevision, cause);
        }
        return e;
    }

    private <T> T call(String operation, String key, Supplier<CompletableFuture<T>> request) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "error";
        try {
            T result = request.get().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            outcome = "ok";
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException(key, "interrupted while waiting for etcd (" + operation + ")", e);
        } catch (TimeoutException e) {
            throw new StoreUnavailableException(key, "etcd did not answer " + operation + " within " + timeout, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof EtcdException etcd && etcd.getMessage() != null
                    && etcd.getMessage().contains("request is too large")) {
                throw new ValueTooLargeException(key, -1, maxValueBytes);
            }
            throw new StoreUnavailableException(key, "etcd " + operation + " failed: " + cause.getMessage(), cause);
        } finally {
            sample.stop(meters.timer("keel.etcd.request", "operation", operation, "outcome", outcome));
        }
    }

    private static StoreEvent toStoreEvent(WatchEvent event) {
        KeyValue current = event.getKeyValue();
        KeyValue previous = event.getPrevKV();
        byte[] previousValue = previous == null || previous.getKey().isEmpty() ? null : previous.getValue().getBytes();
        String key = current.getKey().toString(StandardCharsets.UTF_8);
        if (event.getEventType() == WatchEvent.EventType.DELETE) {
            return new StoreEvent(StoreEvent.Type.DELETE, key, null, previousValue, current.getModRevision());
        }
        return new StoreEvent(StoreEvent.Type.PUT, key, current.getValue().getBytes(), previousValue, current.getModRevision());
    }

    private static StoredValue toStored(KeyValue keyValue) {
        return new StoredValue(keyValue.getKey().toString(StandardCharsets.UTF_8), keyValue.getValue().getBytes(),
                keyValue.getModRevision(), keyValue.getCreateRevision());
    }

    /** The smallest key greater than every key starting with {@code prefix}. */
    static String rangeEnd(String prefix) {
        byte[] end = prefix.getBytes(StandardCharsets.UTF_8);
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xff) {
                end[i]++;
                return new String(end, 0, i + 1, StandardCharsets.UTF_8);
            }
        }
        return "\0";
    }

    private static ByteSequence bytes(String value) {
        return ByteSequence.from(value, StandardCharsets.UTF_8);
    }
}
