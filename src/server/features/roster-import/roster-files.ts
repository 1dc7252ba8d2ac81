// Reading a roster upload: the kind of file, its sheets as rows of cells, and the header row the rows hang under.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import {
  expectedLabelsText,
  findHeaderRow,
  headerSearchRows,
  type RosterHeader,
} from '../../../domain/roster-columns.ts';
import { cellText } from '../../../domain/roster-rows.ts';
import { type Message, message } from '../../../messages/index.ts';
import { AppError } from '../../platform/errors.ts';

export type FileKind = 'xlsx' | 'csv';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function extensionOf(name: string): string {
  const m = name.trim().match(/\.[^./\\]+$/);
  return m ? m[0].toLowerCase() : '';
}

/** The kind of an upload, by its extension (browsers disagree on CSV content types), else its content type. */
export function fileKind(file: File): FileKind {
  const ext = extensionOf(file.name);
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.csv') return 'csv';
  if (ext === '') {
    if (file.type === xlsxType) return 'xlsx';
    if (file.type === 'text/csv') return 'csv';
  }
  const why =
    ext === '.xls'
      ? message('roster.old_excel')
      : ext
        ? message('roster.unsupported_extension', { extension: ext })
        : message('roster.no_extension');
  throw new AppError('unsupported_file', why, [{ path: 'file', message: message('roster.only_xlsx_csv') }]);
}

const unreadable = (fileName: string, reason: Message) =>
  new AppError('validation_failed', message('roster.unreadable', { file: fileName, reason }), [
    { path: 'file', message: reason },
  ]);

/** Every sheet of a workbook as rows of raw cell values (0-based columns). */
async function readXlsx(bytes: Buffer, fileName: string): Promise<unknown[][][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    throw unreadable(fileName, message('roster.broken_xlsx'));
  }
  return workbook.worksheets.map((sheet) => {
    const values = sheet.getSheetValues();
    const rows: unknown[][] = [];
    for (let r = 1; r < values.length; r++) {
      const v = values[r];
      rows.push(Array.isArray(v) ? v.slice(1) : []);
    }
    return rows;
  });
}

/** Semicolons (Excel in Vietnamese settings), commas or tabs: whichever the first lines use most. */
function guessDelimiter(text: string): string {
  const head = text.split(/\r?\n/, headerSearchRows).join('\n');
  const counts = [';', ',', '\t'].map((d) => [d, head.split(d).length - 1] as const);
  return counts.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}

function readCsv(bytes: Buffer, fileName: string): unknown[][][] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw unreadable(fileName, message('roster.csv_not_utf8'));
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const parsed = Papa.parse<string[]>(text, { delimiter: guessDelimiter(text), skipEmptyLines: false });
  return [parsed.data];
}

export interface Table {
  rows: unknown[][];
  header: RosterHeader;
  /** Rows under the header with anything in them. */
  dataRows: number;
}

export async function readTable(file: File, kind: FileKind): Promise<Table> {
  const bytes = Buffer.from(await file.arrayBuffer());
  const sheets = kind === 'xlsx' ? await readXlsx(bytes, file.name) : readCsv(bytes, file.name);
  for (const rows of sheets) {
    const header = findHeaderRow(rows.slice(0, headerSearchRows).map((r) => Array.from(r, cellText)));
    if (!header) continue;
    let dataRows = 0;
    for (let i = header.dataStart; i < rows.length; i++)
      if (rows[i]!.some((c) => cellText(c) !== '')) dataRows++;
    return { rows, header, dataRows };
  }
  const why = message('roster.no_header', { rows: headerSearchRows, columns: expectedLabelsText() });
  throw new AppError('validation_failed', why, [
    { path: 'file', message: message('roster.no_header_short') },
  ]);
}
