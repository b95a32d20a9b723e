package dev.keel.api.admission.allocation;

import dev.keel.api.store.KeyExistsException;
import dev.keel.api.store.KeyNotFoundException;
import dev.keel.api.store.RevisionConflictException;
import dev.keel.api.store.RevisionedStore;
import dev.keel.api.store.StoredValue;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Hands out the values of an {@link AllocationRange} with one etcd key per allocated value
 * ({@code <prefix><value>}, holding the owner), written create-if-absent. etcd decides every race, so the
 * values stay unique however many API server replicas allocate at once, and no replica holds state.
 *
 * <p>Automatic allocation starts at a random index of the preferred band and probes upwards. After a few
 * collisions it reads which values are taken and probes only the free ones, so a nearly full range costs one
 * listing rather than a write per taken value.
 */
public class RangeAllocator {

    private static final int PROBES_BEFORE_LISTING = 8;
    private static final int LIST_PAGE = 1000;
    private static final int ADOPT_ATTEMPTS = 3;

    private final RevisionedStore store;
    private final String keyPrefix;
    private final AllocationRange range;
    private final RandomGenerator random;

    /**
     * @param keyPrefix e.g. {@code /registry/ranges/servicenodeports/}; must end with '/'
     */
    public RangeAllocator(RevisionedStore store, String keyPrefix, AllocationRange range, RandomGenerator random) {
        if (!keyPrefix.endsWith("/")) {
            throw new IllegalArgumentException("allocation key prefix must end with '/': " + keyPrefix);
        }
        this.store = store;
        this.keyPrefix = keyPrefix;
        this.range = range;
        this.random = random;
    }

    public AllocationRange range() {
        return range;
    }

    public boolean contains(String value) {
        return range.indexOf(value) >= 0;
    }

    /**
     * Allocates {@code value} to {@code owner}. A value the owner already holds is kept (and its key touched,
     * so a pending release of it no longer applies).
     *
     * @throws AllocationException NOT_IN_RANGE or ALREADY_ALLOCATED
     */
    public Claim claim(String value, String owner) {
        if (range.indexOf(value) < 0) {
            throw new AllocationException(AllocationException.Reason.NOT_IN_RANGE, value + " is not in " + range.describe());
        }
        String key = keyPrefix + value;
        for (int attempt = 1; ; attempt++) {
            try {
                return new Claim(value, store.create(key, bytes(owner)), true);
            } catch (KeyExistsException taken) {
                Optional<StoredValue> holder = store.get(key);
                if (holder.isPresent() && !owner.equals(text(holder.get()))) {
                    throw new AllocationException(AllocationException.Reason.ALREADY_ALLOCATED,
                            value + " is allocated to " + text(holder.get()));
                }
                if (holder.isPresent()) {
                    try {
                        return new Claim(value, store.update(key, bytes(owner), holder.get().modRevision()), false);
                    } catch (RevisionConflictException | KeyNotFoundException changed) {
                        if (attempt >= ADOPT_ATTEMPTS) {
                            throw new AllocationException(AllocationException.Reason.ALREADY_ALLOCATED,
                                    value + " changed hands while being claimed");
                        }
                    }
                }
                // Released between our write and our read: try again.
            }
        }
    }

    /**
     * Allocates some free value to {@code owner}.
     *
     * @throws AllocationException FULL when every value is taken
     */
    public Claim claimNext(String owner) {
        return next(owner, Set.of(), true).orElseThrow(this::full);
    }

    /** Whether {@code value} could be claimed by {@code owner} now; for dry runs, which must not write. */
    public boolean available(String value, String owner) {
        if (range.indexOf(value) < 0) {
            return false;
        }
        Optional<StoredValue> holder = store.get(keyPrefix + value);
        return holder.isEmpty() || owner.equals(text(holder.get()));
    }

    /** A value that is free now, other than {@code excluded}, without taking it; for dry runs. */
    public String peekNext(Set<String> excluded) {
        return next(null, excluded, false).map(Claim::value).orElseThrow(this::full);
    }

    /** The mod revision of {@code value}'s key if {@code owner} holds it. */
    public Optional<Long> heldBy(String value, String owner) {
        if (range.indexOf(value) < 0) {
            return Optional.empty();
        }
        return store.get(keyPrefix + value).filter(held -> owner.equals(text(held))).map(StoredValue::modRevision);
    }

    /**
     * Frees {@code value} if {@code owner} holds it and, when {@code expectedRevision} is not null, its key is
     * unchanged since then. Returns whether it was freed.
     */
    public boolean release(String value, String owner, Long expectedRevision) {
        String key = keyPrefix + value;
        Optional<StoredValue> held = store.get(key);
        if (held.isEmpty() || !owner.equals(text(held.get()))
                || (expectedRevision != null && held.get().modRevision() != expectedRevision)) {
            return false;
        }
        try {
            store.delete(key, held.get().modRevision());
            return true;
        } catch (RevisionConflictException | KeyNotFoundException changed) {
            // Claimed again or freed by someone else in the meantime: theirs now.
            return false;
        }
    }

    private Optional<Claim> next(String owner, Set<String> excluded, boolean write) {
        int size = range.size();
        if (size == 0) {
            return Optional.empty();
        }
        int split = range.dynamicStart();
        BitSet used = null;
        int misses = 0;
        // The preferred (upper) band first, then the band kept for requested values.
        int[][] bands = split > 0 && split < size ? new int[][] {{split, size}, {0, split}} : new int[][] {{0, size}};
        for (int[] band : bands) {
            int length = band[1] - band[0];
            int start = random.nextInt(length);
            for (int step = 0; step < length; step++) {
                int index = band[0] + (start + step) % length;
                if (used != null && used.get(index)) {
                    continue;
                }
                String value = range.valueAt(index);
                if (excluded.contains(value)) {
                    continue;
                }
                Optional<Claim> claim = write ? tryCreate(value, owner) : tryPeek(value);
                if (claim.isPresent()) {
                    return claim;
                }
                if (used == null && ++misses >= PROBES_BEFORE_LISTING) {
                    used = taken();
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Claim> tryCreate(String value, String owner) {
        try {
            return Optional.of(new Claim(value, store.create(keyPrefix + value, bytes(owner)), true));
        } catch (KeyExistsException taken) {
            return Optional.empty();
        }
    }

    private Optional<Claim> tryPeek(String value) {
        return store.get(keyPrefix + value).isPresent() ? Optional.empty() : Optional.of(new Claim(value, 0, false));
    }

    /** The indices whose keys exist now. */
    private BitSet taken() {
        BitSet used = new BitSet(range.size());
        String startKey = null;
        while (true) {
            RevisionedStore.ListPage page = store.list(keyPrefix, startKey, 0, LIST_PAGE);
            for (StoredValue value : page.items()) {
                int index = range.indexOf(value.key().substring(keyPrefix.length()));
                if (index >= 0) {
                    used.set(index);
                }
            }
            if (!page.more() || page.items().isEmpty()) {
                return used;
            }
            startKey = page.items().get(page.items().size() - 1).key() + "\0";
        }
    }

    private AllocationException full() {
        return new AllocationException(AllocationException.Reason.FULL, "range is full");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(StoredValue value) {
        return new String(value.value(), StandardCharsets.UTF_8);
    }
}
