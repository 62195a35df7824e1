-- The status of every job the worker has seen or queued, from queued to succeeded or dead. Rows of
-- finished jobs are deleted after the configured retention by the purge schedule.
CREATE TABLE jobs (
    id            uuid        PRIMARY KEY,
    org_id        uuid,
    type          text        NOT NULL,
    status        text        NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'dead')),
    attempts      integer     NOT NULL DEFAULT 0,
    -- For operators: the exception of the last failed attempt. Never shown to API clients.
    last_error    text,
    -- For API clients: a message written by the worker, never an exception text.
    public_error  text,
    -- Where the dead record lies, so that it can be re-driven from the dead-letter topic.
    dlt_topic     text,
    dlt_partition integer,
    dlt_offset    bigint,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    started_at    timestamptz,
    finished_at   timestamptz
);
CREATE INDEX jobs_org_created_idx ON jobs (org_id, created_at DESC);
CREATE INDEX jobs_finished_idx ON jobs (finished_at) WHERE finished_at IS NOT NULL;

-- The processed-job log that makes handlers idempotent: 'started' is written before an effect,
-- 'done' in the same transaction as a database effect (or right after an external one, e.g. e-mail).
CREATE TABLE processed_jobs (
    job_id     uuid        PRIMARY KEY,
    job_type   text        NOT NULL,
    state      text        NOT NULL CHECK (state IN ('started', 'done')),
    started_at timestamptz NOT NULL DEFAULT now(),
    done_at    timestamptz
);
CREATE INDEX processed_jobs_done_idx ON processed_jobs (done_at) WHERE done_at IS NOT NULL;
