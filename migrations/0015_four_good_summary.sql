-- "Bốn tốt" kept current by the writes (issue 10.3): the judgement of every cell and grassroots organisation for a
-- year and period (the 6-month review as of 30/6, the year-end list), computed from the recorded facts by the
-- domain's `fourGood` in the transaction of each write that changes those facts (a meeting held, a self-scorecard,
-- a decided level, a discipline decision, an entry, a reorganisation), so a province's share is a count over this
-- table and a page of organisations reads one row each (src/server/features/evaluation/four-good-summary.ts).
--
-- The judgement counts the months due by the day it is read (a month is due from its last day), so a year in
-- progress keeps one row per stretch of days over which the judgement stays the same: [valid_from, valid_to),
-- null meaning open. `path` is the organisation's path on the period's as-of date (its last before, if it ended
-- earlier), so a judgement counts toward the ancestors of that date (ADR 003).
CREATE TABLE four_good_result (
  province_id uuid NOT NULL,
  organization_id uuid NOT NULL REFERENCES organization(id),
  year int NOT NULL,
  period text NOT NULL CHECK (period IN ('midyear', 'year')),
  valid_from date,
  valid_to date,
  path ltree NOT NULL,
  met boolean NOT NULL,
  -- Each criterion: true met, false not met, null unknown (no facts, nothing entered).
  political_task boolean,
  meeting_quality boolean,
  unity_discipline boolean,
  cadres_members boolean,
  -- The criteria as the page shows them (met, derived, evidence message).
  criteria jsonb NOT NULL
);
CREATE INDEX four_good_result_org_idx ON four_good_result (organization_id, year, period);
CREATE INDEX four_good_result_path_idx ON four_good_result USING gist (path);
CREATE TRIGGER four_good_result_province BEFORE INSERT OR UPDATE OF organization_id, province_id ON four_good_result
  FOR EACH ROW EXECUTE FUNCTION tenancy_province_from_organization();

-- Computed once on a database upgraded to this migration: the start-up rebuilds the read summaries, this one with
-- them, when none were ever built (src/server/processes/start-up.ts, rebuildIfNeverBuilt).
DELETE FROM summary_rebuild;
