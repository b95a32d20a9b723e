package dev.keel.bench;

/**
 * One row group of the table: the same operation through the API and straight on etcd.
 *
 * @param name short name in the table
 * @param description what one operation is, on each side
 */
record Workload(String name, String description, Side api, Side etcd) {

    /** One side of a workload, measured one round at a time. */
    interface Side {
        Round round(int concurrency, long durationNanos) throws Exception;
    }

    /** A side whose operation is one request, in a closed loop. */
    static Side requests(ClosedLoop loop, ClosedLoop.Op op) {
        return (concurrency, nanos) -> loop.run(op, concurrency, nanos);
    }
}
