// SQL of re-scoring jobs: their progress, owned by the process that runs them (issue 10.2), readable from any.
import type { Queryable } from '../../platform/db.ts';

export interface RescoreJobRow {
  id: string;
  organization_path: string;
  status: 'running' | 'done' | 'failed';
  total: number;
  done: number;
  changed: number;
  error: unknown;
  started_at: Date;
  finished_at: Date | null;
}

const columns = `id, organization_path::text AS organization_path, status, total, done, changed, error, started_at,
  finished_at`;

export async function insertRescoreJob(
  q: Queryable,
  j: {
    id: string;
    provinceId: string;
    organizationId: string;
    path: string;
    year: number;
    total: number;
    owner: string;
  },
): Promise<RescoreJobRow> {
  const [row] = await q.query<RescoreJobRow>(
    `INSERT INTO rescore_job (id, province_id, organization_id, organization_path, year, status, total, owner)
     VALUES ($1, $2, $3, $4::ltree, $5, 'running', $6, $7) RETURNING ${columns}`,
    [j.id, j.provinceId, j.organizationId, j.path, j.year, j.total, j.owner],
  );
  return row!;
}

export async function findRescoreJob(q: Queryable, id: string): Promise<RescoreJobRow | null> {
  const rows = await q.query<RescoreJobRow>(`SELECT ${columns} FROM rescore_job WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

/** Progress after a chunk; also the owner's heartbeat. */
export async function updateRescoreProgress(q: Queryable, id: string, done: number, changed: number) {
  await q.query('UPDATE rescore_job SET done = $2, changed = $3, heartbeat_at = now() WHERE id = $1', [
    id,
    done,
    changed,
  ]);
}

export async function beatRescoreJob(q: Queryable, id: string, owner: string) {
  await q.query(
    `UPDATE rescore_job SET heartbeat_at = now() WHERE id = $1 AND owner = $2 AND status = 'running'`,
    [id, owner],
  );
}

export async function finishRescoreJob(
  q: Queryable,
  id: string,
  r: { status: 'done' | 'failed'; error: string | null },
) {
  await q.query(
    `UPDATE rescore_job SET status = $2, error = $3::jsonb, finished_at = now(), heartbeat_at = now()
      WHERE id = $1 AND status = 'running'`,
    [id, r.status, r.error],
  );
}

/** Jobs whose owner stopped beating (null: every running one): failed with the reason given; how many. */
export async function failStaleRescoreJobs(q: Queryable, error: string, staleAfterMs: number | null) {
  const rows = await q.query(
    `UPDATE rescore_job SET status = 'failed', error = $1::jsonb, finished_at = now()
      WHERE status = 'running'
        AND ($2::float8 IS NULL OR heartbeat_at < now() - make_interval(secs => $2::float8 / 1000))
      RETURNING id`,
    [error, staleAfterMs],
  );
  return rows.length;
}
