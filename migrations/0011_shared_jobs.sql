-- Background work shared by every server process of a database (issue 10.2: stateless app servers). A job runs
-- once wherever it starts: periodic jobs are claimed per period, long jobs are owned by the process that runs
-- them, which keeps a heartbeat; a job whose owner stopped beating is failed by whichever process sweeps next.

-- One row per periodic job (task reminders): who started it last, and when.
CREATE TABLE scheduled_job (
  name text PRIMARY KEY,
  last_started_at timestamptz NOT NULL,
  last_owner text NOT NULL,
  runs bigint NOT NULL DEFAULT 1
);

-- The process checking or saving an import, and when it last said it was still at work.
ALTER TABLE roster_import ADD COLUMN owner text, ADD COLUMN heartbeat_at timestamptz;

-- Re-scoring a subtree's year: its progress, readable from any process (it lived in one process's memory).
CREATE TABLE rescore_job (
  id uuid PRIMARY KEY,
  province_id uuid NOT NULL,
  organization_id uuid NOT NULL REFERENCES organization(id),
  -- The organisation's path when the job started: the job is shown to whoever sees it.
  organization_path ltree NOT NULL,
  year int NOT NULL,
  status text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  total int NOT NULL,
  done int NOT NULL DEFAULT 0,
  changed int NOT NULL DEFAULT 0,
  error jsonb,
  owner text NOT NULL,
  heartbeat_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX rescore_job_running ON rescore_job (heartbeat_at) WHERE status = 'running';
CREATE INDEX roster_import_unfinished ON roster_import (heartbeat_at) WHERE status IN ('parsing', 'committing');
