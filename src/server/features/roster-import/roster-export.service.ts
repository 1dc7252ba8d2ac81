// Roster export: an organisation's roster as .xlsx in the import's columns, so that it reads back in.
import { formatDateLongVi, formatDateVi, todayIso } from '../../../domain/dates.ts';
import { type Actor, can } from '../../../domain/permissions.ts';
import { exportCell, exportColumns } from '../../../domain/roster-columns.ts';
import { foldVietnamese } from '../../../domain/text.ts';
import { isCellKind } from '../../../domain/tree.ts';
import type { Queryable } from '../../platform/db.ts';
import { runHeavy } from '../../platform/worker-pool.ts';
import { getVisibleOrganization } from './roster-import.service.ts';
import { storedFields } from './roster-matching.ts';
import * as repo from './roster-import.repository.ts';

export interface RosterFile {
  bytes: Buffer;
  /** ASCII-only name for old clients. */
  asciiName: string;
  /** The name in Vietnamese. */
  fileName: string;
}

/**
 * The roster of an organisation and everything under it, in the import's columns so that an exported file
 * reads back in. CCCD, phone and e-mail are written only when the actor may see them for the whole organisation.
 */
export async function exportRoster(db: Queryable, actor: Actor, organizationId: string): Promise<RosterFile> {
  const org = await getVisibleOrganization(db, actor, organizationId);
  const today = todayIso();
  // The personal-data rule of a member of this organisation who is not the actor: a scope that covers the
  // organisation's own path covers everyone attending in it or below it.
  const personal = can(actor, 'member.viewPersonal', {
    type: 'member',
    memberId: '',
    organizationPaths: [org.path],
  });
  const members = await repo.listRosterMembers(db, org.path, today);
  const columns = exportColumns(personal);
  const withCell = !isCellKind(org.kind);

  const rows = members.map((m, i) => {
    const fields = storedFields(m);
    const values: unknown[] = columns.map((c) => exportCell(c.field, fields, i + 1));
    if (withCell) values.push(m.organization_name);
    return values;
  });
  // Building the workbook (exceljs) is heavy work: it runs in the worker pool, counted against the actor's limit.
  const bytes = Buffer.from(
    await runHeavy(actor.accountId, 'writeRosterWorkbook', {
      titles: { organization: org.name, asOf: `Tính đến ${formatDateLongVi(today)}` },
      columns: columns.map((c) => ({ label: c.label, field: c.field })),
      cellColumn: withCell ? 'Chi bộ' : null,
      rows,
    }),
  );
  const stamp = formatDateVi(today).replace(/\//g, '-');
  const slug = foldVietnamese(org.name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return {
    bytes,
    asciiName: `danh-sach-dang-vien-${slug}-${stamp}.xlsx`,
    fileName: `Danh sách đảng viên - ${org.name} - ${stamp}.xlsx`,
  };
}
