package dev.keel.api.admission.allocation;

/**
 * An inclusive port range for node ports, e.g. {@code 30000-32767}. As upstream does, a small low band (1/32
 * of the range, between 16 and 128 ports) is preferred for requested ports.
 */
public final class NodePortRange implements AllocationRange {

    private final int first;
    private final int size;
    private final int dynamicStart;

    private NodePortRange(int first, int size, int dynamicStart) {
        this.first = first;
        this.size = size;
        this.dynamicStart = dynamicStart;
    }

    /** @throws IllegalArgumentException when {@code range} is not {@code first-last} within 1-65535 */
    public static NodePortRange parse(String range) {
        String[] parts = range == null ? new String[0] : range.trim().split("-");
        int first;
        int last;
        try {
            first = parts.length == 2 ? Integer.parseInt(parts[0].trim()) : -1;
            last = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : -1;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("node port range " + range + " is not of the form first-last, such as 30000-32767", e);
        }
        if (first < 1 || last > 65535 || last < first) {
            throw new IllegalArgumentException("node port range " + range
                    + " must be first-last with 1 <= first <= last <= 65535, such as 30000-32767");
        }
        int size = last - first + 1;
        int band = size < 16 ? 0 : Math.max(16, Math.min(128, size / 32));
        return new NodePortRange(first, size, Math.min(band, size));
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int dynamicStart() {
        return dynamicStart;
    }

    @Override
    public String valueAt(int index) {
        return Integer.toString(first + index);
    }

    @Override
    public int indexOf(String value) {
        int port;
        try {
            port = Integer.parseInt(value);
        } catch (NumberFormatException notAPort) {
            return -1;
        }
        int index = port - first;
        return index >= 0 && index < size ? index : -1;
    }

    @Override
    public String describe() {
        return first + "-" + (first + size - 1);
    }
}
