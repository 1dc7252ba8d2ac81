// SQL of committees (terms) and positions (offices held from a date to a date).
import type { PositionKind } from '../../../contracts/organizations.ts';
import type { Queryable } from '../../platform/db.ts';

/** The labels of the organisation's terms overlapping [start, end) (an open end runs forever). */
export async function listOverlappingTerms(
  q: Queryable,
  organizationId: string,
  start: string,
  end: string | null,
): Promise<string[]> {
  const rows = await q.query<{ term_label: string }>(
    `SELECT term_label FROM committee WHERE organization_id = $1
       AND term_start < COALESCE($3::date, 'infinity') AND COALESCE(term_end, 'infinity') > $2`,
    [organizationId, start, end],
  );
  return rows.map((r) => r.term_label);
}

export async function insertCommittee(
  q: Queryable,
  c: {
    provinceId: string;
    organizationId: string;
    termLabel: string;
    termStart: string;
    termEnd: string | null;
  },
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO committee (province_id, organization_id, term_label, term_start, term_end) VALUES ($1,$2,$3,$4,$5)
     RETURNING id`,
    [c.provinceId, c.organizationId, c.termLabel, c.termStart, c.termEnd],
  );
  return row!.id;
}

export async function findCommittee(q: Queryable, id: string) {
  const [row] = await q.query<{ organization_id: string; term_start: string; term_end: string | null }>(
    'SELECT organization_id, term_start, term_end FROM committee WHERE id = $1',
    [id],
  );
  return row ?? null;
}

/** Ends a term, and the offices still held in it, on the same day. */
export async function endCommittee(q: Queryable, id: string, termEnd: string) {
  await q.query('UPDATE committee SET term_end = $2 WHERE id = $1', [id, termEnd]);
  await q.query(
    'UPDATE position SET valid_to = $2 WHERE committee_id = $1 AND valid_to IS NULL AND valid_from < $2',
    [id, termEnd],
  );
}

/** Whether someone holds the office at the organisation now. */
export async function isOfficeHeld(
  q: Queryable,
  organizationId: string,
  kind: PositionKind,
): Promise<boolean> {
  const rows = await q.query(
    'SELECT id FROM position WHERE organization_id = $1 AND kind = $2 AND valid_to IS NULL',
    [organizationId, kind],
  );
  return rows.length > 0;
}

export async function insertPosition(
  q: Queryable,
  p: {
    provinceId: string;
    organizationId: string;
    committeeId: string | null;
    memberId: string;
    kind: PositionKind;
    validFrom: string;
  },
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO position (province_id, organization_id, committee_id, member_id, kind, valid_from)
     VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
    [p.provinceId, p.organizationId, p.committeeId, p.memberId, p.kind, p.validFrom],
  );
  return row!.id;
}

export async function findPosition(q: Queryable, id: string) {
  const [row] = await q.query<{ organization_id: string; valid_from: string; valid_to: string | null }>(
    'SELECT organization_id, valid_from, valid_to FROM position WHERE id = $1',
    [id],
  );
  return row ?? null;
}

export async function endPosition(q: Queryable, id: string, validTo: string) {
  await q.query('UPDATE position SET valid_to = $2 WHERE id = $1', [id, validTo]);
}
