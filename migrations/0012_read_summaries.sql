-- Reads that do not grow with the province (issue 10.3). Summary tables kept current by the writes, in the write's
-- transaction (src/server/features/summaries): compliance and ratings per cell and month, each row carrying the
-- path its cell had on the fact's date (ADR 003), so `path ~ '*.X.*'` counts it toward the ancestors of that date.
-- Every row carries province_id (the province-level ancestor: the distribution key of migration 0013).

-- The cell's months: whether the month is applicable (the organisation was a cell all month), from which date it
-- is judged (its time to hold the meeting over), and the meetings held for it.
CREATE TABLE compliance_month (
  province_id uuid NOT NULL,
  organization_id uuid NOT NULL REFERENCES organization(id),
  month text NOT NULL,
  year int NOT NULL,
  path ltree NOT NULL,
  applicable boolean NOT NULL,
  judged_from date,
  held int NOT NULL DEFAULT 0,
  PRIMARY KEY (organization_id, month)
);
CREATE INDEX compliance_month_year_idx ON compliance_month (organization_id, year);
CREATE INDEX compliance_month_path_idx ON compliance_month USING gist (path);

-- Each compliance finding the recorded facts give (src/domain/compliance.ts), with the date from which it counts:
-- a missing meeting once the month's time is over, minutes not finalised once the deadline has passed.
CREATE TABLE compliance_fact (
  province_id uuid NOT NULL,
  organization_id uuid NOT NULL REFERENCES organization(id),
  year int NOT NULL,
  period text NOT NULL,
  code text NOT NULL,
  meeting_id uuid,
  due date NOT NULL,
  path ltree NOT NULL
);
CREATE INDEX compliance_fact_org_idx ON compliance_fact (organization_id, year);
CREATE INDEX compliance_fact_path_idx ON compliance_fact USING gist (path);

-- The cell's rating of a month: its submitted self-score and the mean of the outside scores of its regular
-- meeting(s) of that month.
CREATE TABLE rating_month (
  province_id uuid NOT NULL,
  organization_id uuid NOT NULL REFERENCES organization(id),
  month text NOT NULL,
  year int NOT NULL,
  path ltree NOT NULL,
  self_percent numeric,
  self_rating text,
  outside_percent numeric,
  outside_rating text,
  outside_count int NOT NULL DEFAULT 0,
  PRIMARY KEY (organization_id, month)
);
CREATE INDEX rating_month_path_idx ON rating_month USING gist (path);

-- The members' tasks given to a party group (the annual evaluation's facts read them per member's groups).
CREATE INDEX task_assignee_group_idx ON task (assignee_group_id) WHERE assignee_group_id IS NOT NULL;

-- When the summaries were last computed from scratch: none on an existing database upgraded to this migration, so
-- the app computes them once at start (src/server/main.ts).
CREATE TABLE summary_rebuild (
  id int PRIMARY KEY CHECK (id = 1),
  rebuilt_at timestamptz NOT NULL
);
