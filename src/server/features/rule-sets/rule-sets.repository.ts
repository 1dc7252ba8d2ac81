// SQL of rule-set assignments: which rule set an organisation assigned to its subtree, from which date.
import type { Queryable } from '../../platform/db.ts';

export interface RuleSetAssignmentRow {
  organization_id: string;
  rule_set_id: string;
  effective_from: string;
}

/** The assignments made at any of the given organisations, optionally only those in force by a date. */
export async function listAssignments(
  q: Queryable,
  organizationIds: string[],
  effectiveBy: string | null = null,
): Promise<RuleSetAssignmentRow[]> {
  return q.query<RuleSetAssignmentRow>(
    `SELECT organization_id, rule_set_id, effective_from FROM rule_set_assignment
      WHERE organization_id = ANY($1::uuid[]) AND ($2::date IS NULL OR effective_from <= $2::date)`,
    [organizationIds, effectiveBy],
  );
}

export async function hasAssignmentFrom(
  q: Queryable,
  organizationId: string,
  date: string,
): Promise<boolean> {
  const rows = await q.query(
    'SELECT 1 FROM rule_set_assignment WHERE organization_id = $1 AND effective_from = $2',
    [organizationId, date],
  );
  return rows.length > 0;
}

export async function insertAssignment(
  q: Queryable,
  a: {
    provinceId: string;
    organizationId: string;
    ruleSetId: string;
    effectiveFrom: string;
    documentRef: string | null;
    createdBy: string;
  },
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO rule_set_assignment (province_id, organization_id, rule_set_id, effective_from, document_ref, created_by)
     VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
    [a.provinceId, a.organizationId, a.ruleSetId, a.effectiveFrom, a.documentRef, a.createdBy],
  );
  return row!.id;
}
