package dev.keel.bench;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The baseline: the same etcd through jetcd (one client, one gRPC channel), doing what the API does underneath
 * with nothing else: a create-if-absent transaction, a get, a range read, a prefix watch.
 */
final class RawEtcd implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 30;

    private final Client client;
    private final KV kv;

    RawEtcd(String endpoint) {
        this.client = Client.builder().endpoints(endpoint).build();
        this.kv = client.getKVClient();
    }

    static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    /** What the API's create does in etcd: put only if the key has never been created. */
    void create(ByteSequence key, byte[] value) throws Exception {
        TxnResponse response = await(kv.txn()
                .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                .Then(Op.put(key, ByteSequence.from(value), PutOption.DEFAULT))
                .commit());
        if (!response.isSucceeded()) {
            throw new IllegalStateException("key exists: " + key);
        }
    }

    /** Reads one key; throws if it is missing. */
    KeyValue get(ByteSequence key) throws Exception {
        GetResponse response = await(kv.get(key));
        if (response.getKvs().isEmpty()) {
            throw new IllegalStateException("no key " + key);
        }
        return response.getKvs().get(0);
    }

    /** Reads every key under {@code prefix} (one range request, no limit) and returns how many there were. */
    int range(ByteSequence prefix) throws Exception {
        GetResponse response = await(kv.get(prefix, GetOption.builder().isPrefix(true).build()));
        return response.getKvs().size();
    }

    long revision() throws Exception {
        return await(kv.get(bytes("\0"), GetOption.builder().withCountOnly(true).build())).getHeader().getRevision();
    }

    /**
     * Watches every key under {@code prefix} changed after {@code afterRevision}. The first response is etcd's
     * "created" notification ({@link WatchResponse#isCreatedNotify()}), which tells that the watch is in place.
     */
    Watch.Watcher watch(ByteSequence prefix, long afterRevision, Consumer<WatchResponse> onResponse,
            Consumer<Throwable> onError) {
        WatchOption option = WatchOption.builder().isPrefix(true).withRevision(afterRevision + 1)
                .withCreateNotify(true).build();
        return client.getWatchClient().watch(prefix, option, Watch.listener(onResponse, onError));
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            future.cancel(true);
            throw e;
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
