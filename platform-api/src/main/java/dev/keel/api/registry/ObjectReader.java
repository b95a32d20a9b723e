package dev.keel.api.registry;

import dev.keel.api.apiextensions.serving.CustomResourceHandling;
import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.objects.StoredObject;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.rest.ListOptions;
import dev.keel.api.rest.RequestInfo;
import dev.keel.api.status.Statuses;
import dev.keel.api.store.RevisionCompactedException;
import dev.keel.api.watch.WatchFilter;
import java.util.ArrayList;
import java.util.List;

/** Get and list, read straight from etcd so every read is consistent with the writes before it. */
public class ObjectReader {

    private final ObjectStorage storage;
    private final CustomResourceHandling custom;

    public ObjectReader(ObjectStorage storage, CustomResourceHandling custom) {
        this.storage = storage;
        this.custom = custom;
    }

    public StoredObject get(RequestInfo info) {
        StoredObject stored = storage.get(info.type(), info.namespace(), info.name())
                .orElseThrow(() -> Statuses.notFound(info.group(), info.resource(), info.name()));
        return custom.forRead(info.type(), stored);
    }

    /** One page of matching objects, with the revision it reflects and the token for the next page. */
    public record ListResult(List<StoredObject> items, long revision, String continueToken, Long remaining) {
    }

    public ListResult list(ResourceType type, String namespace, ListOptions options) {
        ListResult stored = listStored(type, namespace, options);
        return custom.isCustom(type) ? new ListResult(custom.forRead(type, stored.items()), stored.revision(),
                stored.continueToken(), stored.remaining()) : stored;
    }

    private ListResult listStored(ResourceType type, String namespace, ListOptions options) {
        // The key prefix already scopes the read to the namespace; only selectors filter what was read.
        WatchFilter filter = new WatchFilter(null, options.labels(), options.fields());
        String prefix = storage.collectionPrefix(type, namespace);
        long revision = 0;
        String startKey = null;
        if (options.continueToken() != null) {
            ContinueToken token = ContinueToken.decode(options.continueToken(), prefix);
            revision = token.revision();
            startKey = token.startKey();
        } else if ("Exact".equals(options.resourceVersionMatch())) {
            revision = options.revision();
        }
        String exactName = options.fields().exactName();
        if (exactName != null && startKey == null && (namespace != null || !type.namespaced())) {
            return single(type, namespace, exactName, filter, revision);
        }
        List<StoredObject> items = new ArrayList<>();
        long limit = options.limit();
        // Selectors filter after reading: keep reading pages until the limit is met or the range ends.
        long pageSize = limit == 0 ? 0 : Math.max(limit, 100);
        try {
            while (true) {
                ObjectStorage.Page page = storage.list(type, namespace, startKey, revision, pageSize);
                // etcd's header carries its current revision even for a read at an older one.
                revision = revision == 0 ? page.revision() : revision;
                for (int i = 0; i < page.items().size(); i++) {
                    StoredObject item = page.items().get(i);
                    if (filter.isEverything() || filter.matches(item.object())) {
                        items.add(item);
                        if (limit > 0 && items.size() == limit) {
                            boolean more = i < page.items().size() - 1 || page.more();
                            String next = more ? nextKey(item.key()) : null;
                            return new ListResult(items, revision, next == null ? null : new ContinueToken(revision, next).encode(), null);
                        }
                    }
                }
                if (!page.more() || page.lastKey() == null) {
                    return new ListResult(items, revision, null, null);
                }
                startKey = nextKey(page.lastKey());
            }
        } catch (RevisionCompactedException e) {
            throw Statuses.gone("The provided continue parameter is too old to display a consistent list result. "
                    + "You can start a new list without the continue parameter.");
        }
    }

    private ListResult single(ResourceType type, String namespace, String name, WatchFilter filter, long revision) {
        // One range read returns the object and the revision it was read at, so a watch from there misses nothing.
        String key = storage.key(type, namespace, name);
        var page = storage.store().list(key, null, revision, 0);
        List<StoredObject> items = new ArrayList<>(1);
        page.items().stream().filter(v -> v.key().equals(key)).map(storage::decode)
                .filter(o -> filter.matches(o.object())).forEach(items::add);
        return new ListResult(items, revision == 0 ? page.revision() : revision, null, null);
    }

    private static String nextKey(String key) {
        return key + "\0";
    }
}
