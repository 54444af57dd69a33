-- A job that fails for an unexpected reason (not a refusal of the file) is tried a bounded number
-- of times and then ends FAILED with a message, instead of being retried for ever and holding up
-- the queue. The existing statuses stay as they are.
ALTER TABLE imports DROP CONSTRAINT imports_status_check;
ALTER TABLE imports ADD CONSTRAINT imports_status_check
  CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'REFUSED', 'ALREADY_IMPORTED', 'FAILED'));
ALTER TABLE imports ADD CONSTRAINT imports_failed_reason_check CHECK (status <> 'FAILED' OR reason_id IS NOT NULL);
-- Claiming a job looks at when each district's jobs last had a worker's attention (round robin).
CREATE INDEX imports_kab_heartbeat_idx ON imports (kab_kota, heartbeat_at);
