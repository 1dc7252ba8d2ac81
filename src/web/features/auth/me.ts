// The signed-in actor (GET /api/me) and what the navigation may offer them, by the domain's own rules.
import { useSuspenseQuery } from '@tanstack/react-query';
import type { MeResponse } from '../../../contracts/auth.ts';
import { isManagingScope } from '../../../domain/permissions.ts';
import { isCellKind } from '../../../domain/tree.ts';
import { meQuery } from '../../api/queries.ts';

/** The actor; only used under the signed-in layout, whose loader has fetched it. */
export function useMe(): MeResponse {
  return useSuspenseQuery(meQuery).data;
}

/** Whether the actor may import a roster somewhere: an administrator or a managing role (domain rule). */
export function canImportAnywhere(me: MeResponse): boolean {
  if (me.account.isSystemAdmin) return true;
  return me.roles.some(
    (r) =>
      r.role !== 'system_admin' &&
      r.organizationId !== null &&
      r.organizationKind !== null &&
      isManagingScope({
        role: r.role,
        organizationId: r.organizationId,
        organizationKind: r.organizationKind,
        position: r.position,
      }),
  );
}

/** The one cell whose roster the actor keeps (a cell secretary or deputy), to preselect on the import page. */
export function ownImportCell(me: MeResponse): { id: string; name: string } | null {
  const cells = new Map<string, string>();
  for (const r of me.roles) {
    if (r.role !== 'cell_leadership' || !r.organizationId || !r.organizationKind) continue;
    if (!isCellKind(r.organizationKind)) continue;
    const scope = {
      role: r.role,
      organizationId: r.organizationId,
      organizationKind: r.organizationKind,
      position: r.position,
    };
    if (isManagingScope(scope)) cells.set(r.organizationId, r.organizationName ?? '');
  }
  if (cells.size !== 1) return null;
  const [id, name] = [...cells.entries()][0]!;
  return { id, name };
}
