// The discipline register: decisions on members of a subtree or on an organisation itself, which bar levels in
// the annual evaluation and "bốn tốt".
import type { z } from 'zod';
import type { disciplineBody } from '../../../contracts/evaluation.ts';
import { type Actor, can } from '../../../domain/permissions.ts';
import { message } from '../../../messages/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Database } from '../../platform/db.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { getVisibleNode } from '../organizations/organizations.service.ts';
import * as repo from './evaluation.repository.ts';
import { refreshForMember, refreshFourGood } from './four-good-summary.ts';

// The Party Statute disciplines a party organisation only by reprimand, warning or dissolution.
const organizationForms = ['reprimand', 'warning', 'dissolution'];

/** Records a discipline decision on a member of the subtree or on the organisation itself. */
export async function recordDiscipline(
  db: Database,
  actor: Actor,
  organizationId: string,
  input: z.infer<typeof disciplineBody>,
  meta: { ip: string | null },
) {
  return db.transaction(async (tx) => {
    const node = await getVisibleNode(tx, actor, organizationId);
    if (!can(actor, 'discipline.record', { type: 'organization', path: node.path })) {
      throw new AppError('forbidden', message('discipline.forbidden'));
    }
    if (input.memberId) {
      if (!(await repo.memberBelongedUnder(tx, input.memberId, node.path)))
        throw notFound(message('discipline.member_not_in_organization'));
    } else if (!organizationForms.includes(input.form)) {
      throw fieldError('validation_failed', 'form', 'discipline.organization_forms');
    }
    const id = await repo.insertDiscipline(tx, {
      provinceId: node.province_id,
      memberId: input.memberId ?? null,
      organizationId: input.memberId ? null : node.id,
      form: input.form,
      decidedOn: input.decidedOn,
      documentRef: input.documentRef || null,
      reason: input.reason,
      createdBy: actor.accountId,
    });
    // "Bốn tốt" of the year: the organisation's own, or those the member belonged to and their grassroots ones.
    const year = Number(input.decidedOn.slice(0, 4));
    if (input.memberId) await refreshForMember(tx, input.memberId, year);
    else await refreshFourGood(tx, [node.id], [year]);
    await recordAudit(tx, {
      chain: node.province_id,
      actorAccountId: actor.accountId,
      action: 'discipline.record',
      entity: 'discipline',
      entityId: id,
      after: { ...input, organizationId: node.id },
      ip: meta.ip,
    });
    return { id };
  });
}
