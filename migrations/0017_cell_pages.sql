-- A cell's and a member's pages at province size (issue 10.3): lookups that scanned a province-wide table.
-- A meeting's scorecards (GET /meetings/{id}/scores): the two unique indexes on meeting_id are partial (self; the
-- others), so `WHERE meeting_id = $1` alone could use neither and read every scorecard of the province.
CREATE INDEX scorecard_meeting_idx ON scorecard (meeting_id);
-- The task inbox's "created by me" part (GET /tasks?filter=created|open|overdue|done).
CREATE INDEX task_created_by_idx ON task (created_by) WHERE created_by IS NOT NULL;
