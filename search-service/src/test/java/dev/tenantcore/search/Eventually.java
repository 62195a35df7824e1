package dev.tenantcore.search;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition (every 25 ms) until it holds or the time is up. */
public final class Eventually {

    private Eventually() {}

    /** How long the condition took to hold, or an AssertionError after {@code limit}. */
    public static Duration within(Duration limit, BooleanSupplier condition) {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition did not hold within " + limit);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
