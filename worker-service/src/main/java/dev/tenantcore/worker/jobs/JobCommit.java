package dev.tenantcore.worker.jobs;

/** Applies a job's database effect in the transaction that marks the job done. */
@FunctionalInterface
public interface JobCommit {

    /** Runs the effect and marks the job done, atomically; skips the effect if the job is done already. */
    void inTransaction(Runnable effect);
}
