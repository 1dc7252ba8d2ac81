// Roster export: an organisation's roster as .xlsx in the import's columns, so that it reads back in.
import ExcelJS from 'exceljs';
import { formatDateLongVi, formatDateVi, todayIso } from '../../../domain/dates.ts';
import { type Actor, can } from '../../../domain/permissions.ts';
import { exportCell, exportColumns } from '../../../domain/roster-columns.ts';
import { foldVietnamese } from '../../../domain/text.ts';
import { isCellKind } from '../../../domain/tree.ts';
import type { Database } from '../../platform/db.ts';
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
export async function exportRoster(db: Database, actor: Actor, organizationId: string): Promise<RosterFile> {
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

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Chi bộ số';
  const sheet = workbook.addWorksheet('Danh sách đảng viên');
  const width = columns.length + (withCell ? 1 : 0);
  const titles: Array<[string, Partial<ExcelJS.Font>]> = [
    ['DANH SÁCH ĐẢNG VIÊN', { bold: true, size: 14 }],
    [org.name, { bold: true, size: 12 }],
    [`Tính đến ${formatDateLongVi(today)}`, { italic: true }],
  ];
  titles.forEach(([text, font], i) => {
    const row = sheet.getRow(i + 1);
    row.getCell(1).value = text;
    row.getCell(1).font = font;
    row.getCell(1).alignment = { horizontal: 'center' };
    sheet.mergeCells(i + 1, 1, i + 1, width);
  });
  const headerRowNumber = titles.length + 2;
  const header = sheet.getRow(headerRowNumber);
  [...columns.map((c) => c.label), ...(withCell ? ['Chi bộ'] : [])].forEach((label, i) => {
    const cell = header.getCell(i + 1);
    cell.value = label;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = {
      top: { style: 'thin' },
      bottom: { style: 'thin' },
      left: { style: 'thin' },
      right: { style: 'thin' },
    };
  });
  columns.forEach((c, i) => {
    const col = sheet.getColumn(i + 1);
    if (c.field === 'dateOfBirth' || c.field === 'admissionDate' || c.field === 'fullMembershipDate') {
      col.numFmt = 'dd/mm/yyyy';
      col.width = 12;
    } else if (c.field === 'partyCardNumber' || c.field === 'citizenId' || c.field === 'phone') {
      col.numFmt = '@'; // text, so Excel keeps leading zeros when the file is edited
      col.width = 15;
    } else {
      col.width = c.field === 'index' ? 6 : c.field === 'fullName' || c.field === 'hometown' ? 28 : 16;
    }
  });
  if (withCell) sheet.getColumn(width).width = 30;
  members.forEach((m, i) => {
    const fields = storedFields(m);
    const values: unknown[] = columns.map((c) => exportCell(c.field, fields, i + 1));
    if (withCell) values.push(m.organization_name);
    sheet.getRow(headerRowNumber + 1 + i).values = values as ExcelJS.CellValue[];
  });
  sheet.views = [{ state: 'frozen', ySplit: headerRowNumber }];

  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
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
