package dev.keel.reconciler.cronjob;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Which scheduled time a CronJob should start now, as Kubernetes' cronjob controller works it out: the latest
 * activation after the last one handled (or after creation), no earlier than {@code startingDeadlineSeconds} ago;
 * the number of activations missed is estimated from the gap between two of them, and more than 100 is worth a
 * warning (clock skew, or a controller down for long).
 */
final class ScheduleTimes {

    static final int TOO_MANY_MISSED = 100;
    /** Requeue a little after the activation, so the activation has passed when the key is looked at. */
    static final Duration NEXT_SCHEDULE_DELTA = Duration.ofMillis(100);

    private ScheduleTimes() {
    }

    /**
     * @param mostRecent the latest activation not later than now, if any since {@code earliest}
     * @param missed     the estimated number of activations since {@code earliest}
     */
    record MostRecent(Instant earliest, Optional<Instant> mostRecent, long missed) {
        boolean tooManyMissed() {
            return missed > TOO_MANY_MISSED;
        }
    }

    static MostRecent mostRecent(CronSchedule schedule, Instant created, Instant lastScheduled, Long startingDeadlineSeconds,
            Instant now) {
        Instant earliest = lastScheduled != null ? lastScheduled : created;
        if (startingDeadlineSeconds != null) {
            Instant deadline = now.minusSeconds(startingDeadlineSeconds);
            if (deadline.isAfter(earliest)) {
                earliest = deadline;
            }
        }
        Optional<Instant> first = schedule.next(earliest);
        if (first.isEmpty() || now.isBefore(first.get())) {
            return new MostRecent(earliest, Optional.empty(), 0);
        }
        Instant t1 = first.get();
        Optional<Instant> second = schedule.next(t1);
        if (second.isEmpty() || now.isBefore(second.get())) {
            return new MostRecent(earliest, Optional.of(t1), 1);
        }
        long between = Math.max(1, Math.round(Duration.between(t1, second.get()).toMillis() / 1000.0));
        long elapsed = Duration.between(t1, now).getSeconds();
        long missed = elapsed / between + 1;
        // Start a little before the estimate so irregular schedules ("30 6-16/4 * * 1-5") are walked correctly.
        Instant latest = latestUpTo(schedule, t1.plusSeconds((missed - 2) * between), now);
        // The estimate takes the first gap for every gap: when later gaps are longer ("0,1 0 * * *" looked at by
        // noon) it starts after the latest activation. Look back from now over twice the distance each time, down
        // to the first activation, which is due: the walk stays near now however long ago the first one was.
        for (long back = between; latest == null; back *= 2) {
            Instant from = now.minusSeconds(back);
            if (!from.isAfter(earliest)) {
                latest = latestUpTo(schedule, earliest, now);
                break;
            }
            latest = latestUpTo(schedule, from, now);
        }
        return new MostRecent(earliest, Optional.ofNullable(latest), missed);
    }

    /** The last activation after {@code from} and not after {@code now}, or null. */
    private static Instant latestUpTo(CronSchedule schedule, Instant from, Instant now) {
        Instant latest = null;
        for (Optional<Instant> t = schedule.next(from); t.isPresent() && !t.get().isAfter(now); t = schedule.next(t.get())) {
            latest = t.get();
        }
        return latest;
    }

    /** How long until the next activation after the latest one due (or after {@code earliest}), plus a small delta. */
    static Optional<Duration> untilNext(CronSchedule schedule, Instant created, Instant lastScheduled, Instant now) {
        MostRecent recent = mostRecent(schedule, created, lastScheduled, null, now);
        Instant from = recent.mostRecent().orElse(recent.earliest());
        return schedule.next(from).map(next -> {
            Duration wait = Duration.between(now, next.plus(NEXT_SCHEDULE_DELTA));
            return wait.isNegative() ? NEXT_SCHEDULE_DELTA : wait;
        });
    }
}
