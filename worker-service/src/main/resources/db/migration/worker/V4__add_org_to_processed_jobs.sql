-- The processed-job log carries the job's org, like the job status, so that both are isolated per tenant by
-- row-level security (V5). Existing rows take the org of their job's status row, where it is still there.
ALTER TABLE processed_jobs ADD COLUMN org_id uuid;
UPDATE processed_jobs p SET org_id = j.org_id FROM jobs j WHERE j.id = p.job_id AND j.org_id IS NOT NULL;
