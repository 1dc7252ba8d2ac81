// SQL of role assignments: board officers over a subtree and followers of cells, dated.
import type { Queryable } from '../../platform/db.ts';

export type AssignedRole = 'board_officer' | 'follower';

/** The start of the account's open assignment of the role at the organisation, if any. */
export async function findOpenAssignmentStart(
  q: Queryable,
  accountId: string,
  role: AssignedRole,
  organizationId: string,
): Promise<string | null> {
  const [row] = await q.query<{ valid_from: string }>(
    `SELECT valid_from FROM role_assignment WHERE account_id = $1 AND role = $2 AND organization_id = $3 AND valid_to IS NULL`,
    [accountId, role, organizationId],
  );
  return row?.valid_from ?? null;
}

export async function insertAssignment(
  q: Queryable,
  a: { provinceId: string; accountId: string; role: AssignedRole; organizationId: string; validFrom: string },
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO role_assignment (province_id, account_id, role, organization_id, valid_from) VALUES ($1,$2,$3,$4,$5)
     RETURNING id`,
    [a.provinceId, a.accountId, a.role, a.organizationId, a.validFrom],
  );
  return row!.id;
}

/** The assignments at an organisation with the assignee's name: open ones first, latest first. */
export async function listAssignmentsAt(q: Queryable, organizationId: string) {
  return q.query<{
    id: string;
    role: AssignedRole;
    member_id: string | null;
    member_name: string;
    valid_from: string;
    valid_to: string | null;
  }>(
    `SELECT r.id, r.role, a.member_id, a.display_name AS member_name, r.valid_from, r.valid_to
       FROM role_assignment r JOIN account a ON a.id = r.account_id
      WHERE r.organization_id = $1 ORDER BY r.valid_to IS NULL DESC, r.valid_from DESC`,
    [organizationId],
  );
}

export async function findAssignment(q: Queryable, id: string) {
  const [row] = await q.query<{
    role: AssignedRole;
    organization_id: string;
    valid_from: string;
    valid_to: string | null;
  }>('SELECT role, organization_id, valid_from, valid_to FROM role_assignment WHERE id = $1', [id]);
  return row ?? null;
}

export async function endAssignment(q: Queryable, id: string, validTo: string) {
  await q.query('UPDATE role_assignment SET valid_to = $2 WHERE id = $1', [id, validTo]);
}
