// The heavy half of reading and writing rosters, run in the worker pool (platform/heavy-worker.ts): plain data in,
// plain data or bytes out, no database and no AppError (a failure is returned as its reason, and the request
// side turns it into the error answer).
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { headerSearchRows } from '../../../domain/roster-columns.ts';

export type SheetsRead = { sheets: unknown[][][] } | { failure: 'broken_xlsx' | 'csv_not_utf8' };

/** Every sheet of a workbook as rows of raw cell values (0-based columns). */
async function readXlsx(bytes: Uint8Array): Promise<SheetsRead> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    return { failure: 'broken_xlsx' };
  }
  const sheets = workbook.worksheets.map((sheet) => {
    const values = sheet.getSheetValues();
    const rows: unknown[][] = [];
    for (let r = 1; r < values.length; r++) {
      const v = values[r];
      rows.push(Array.isArray(v) ? v.slice(1) : []);
    }
    return rows;
  });
  // Cell values are plain data (strings, numbers, Dates, and plain objects for rich text, formulas and links),
  // so the structured clone back to the request thread keeps what cellText() reads.
  return { sheets };
}

/** Semicolons (Excel in Vietnamese settings), commas or tabs: whichever the first lines use most. */
function guessDelimiter(text: string): string {
  const head = text.split(/\r?\n/, headerSearchRows).join('\n');
  const counts = [';', ',', '\t'].map((d) => [d, head.split(d).length - 1] as const);
  return counts.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}

function readCsv(bytes: Uint8Array): SheetsRead {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { failure: 'csv_not_utf8' };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const parsed = Papa.parse<string[]>(text, { delimiter: guessDelimiter(text), skipEmptyLines: false });
  return { sheets: [parsed.data] };
}

/** The sheets of an uploaded roster, as rows of raw cell values. */
export async function readSheets(input: { bytes: Uint8Array; kind: 'xlsx' | 'csv' }): Promise<SheetsRead> {
  return input.kind === 'xlsx' ? readXlsx(input.bytes) : readCsv(input.bytes);
}

/** What the roster export writes, as plain data (roster-export.service.ts reads it from the database). */
export interface RosterWorkbook {
  titles: { organization: string; asOf: string };
  columns: { label: string; field: string }[];
  /** The extra last column naming each member's cell, for an organisation above cells. */
  cellColumn: string | null;
  rows: unknown[][];
}

/** The roster as .xlsx: three title lines, a bordered header row, frozen panes, dates and text columns typed. */
export async function writeRosterWorkbook(spec: RosterWorkbook): Promise<Uint8Array> {
  const { columns, cellColumn } = spec;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Chi bộ số';
  const sheet = workbook.addWorksheet('Danh sách đảng viên');
  const width = columns.length + (cellColumn ? 1 : 0);
  const titles: Array<[string, Partial<ExcelJS.Font>]> = [
    ['DANH SÁCH ĐẢNG VIÊN', { bold: true, size: 14 }],
    [spec.titles.organization, { bold: true, size: 12 }],
    [spec.titles.asOf, { italic: true }],
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
  [...columns.map((c) => c.label), ...(cellColumn ? [cellColumn] : [])].forEach((label, i) => {
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
  if (cellColumn) sheet.getColumn(width).width = 30;
  spec.rows.forEach((values, i) => {
    sheet.getRow(headerRowNumber + 1 + i).values = values as ExcelJS.CellValue[];
  });
  sheet.views = [{ state: 'frozen', ySplit: headerRowNumber }];
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
