-- Generated reports and exports (the Postgres-backed ReportStore), downloadable until they expire.
CREATE TABLE reports (
    id           uuid        PRIMARY KEY,
    org_id       uuid        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('activity-report', 'export')),
    content_type text        NOT NULL,
    filename     text        NOT NULL,
    content      bytea       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL
);
CREATE INDEX reports_org_idx ON reports (org_id, created_at DESC);
CREATE INDEX reports_expires_idx ON reports (expires_at);
