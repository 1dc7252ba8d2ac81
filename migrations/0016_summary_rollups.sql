-- Summary rollups by organisation and period (issue 10.3). The read summaries of migration 0012 are per cell;
-- a committee's totals summed them over every cell of its subtree. Here each cell's summary rows are added up
-- per ancestor organisation (the ancestors in the row's path: those its cell had on the fact's date, so a fact
-- before a move counts toward the old parent) and per month, so the totals of any organisation over any run of
-- months are a sum over a few rows of that one organisation. The writes keep them current by the difference
-- between a cell's summaries before and after (src/server/features/summaries), in the write's transaction.
--
-- A count that only starts to count on a day (a month judged once its time to meet is over, a finding once it is
-- due) carries that day in counts_from, so time passing needs no write: a total as of a day sums the rows whose
-- counts_from is on or before it. Counts that count at once carry '-infinity'.
CREATE TABLE summary_rollup (
  province_id uuid NOT NULL,
  organization_id uuid NOT NULL REFERENCES organization(id),
  month text NOT NULL,
  measure text NOT NULL,
  counts_from date NOT NULL,
  n bigint NOT NULL,
  PRIMARY KEY (organization_id, month, measure, counts_from)
);

-- The province key of the ancestor organisation (the shape of migration 0013): an ancestor directly under the
-- centre carries the centre's key, not its cells'.
CREATE TRIGGER summary_rollup_province BEFORE INSERT OR UPDATE OF organization_id, province_id ON summary_rollup
  FOR EACH ROW EXECUTE FUNCTION tenancy_province_from_organization();

-- When the rollups were computed from the cells' summaries (none on a database upgraded to this migration: the
-- app computes them once at start), and the last year every cell's summary rows were created for ahead of time
-- (the new-year job; start-up catches up when it was missed).
ALTER TABLE summary_rebuild ADD COLUMN rollups_built_at timestamptz;
ALTER TABLE summary_rebuild ADD COLUMN years_ready_through int;
