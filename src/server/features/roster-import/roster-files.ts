// Reading a roster upload: the kind of file, its sheets as rows of cells, and the header row the rows hang under.
import {
  expectedLabelsText,
  findHeaderRow,
  headerSearchRows,
  type RosterHeader,
} from '../../../domain/roster-columns.ts';
import { cellText } from '../../../domain/roster-rows.ts';
import { type Message, message } from '../../../messages/index.ts';
import { AppError } from '../../platform/errors.ts';
import { runHeavy } from '../../platform/worker-pool.ts';

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

export interface Table {
  rows: unknown[][];
  header: RosterHeader;
  /** Rows under the header with anything in them. */
  dataRows: number;
}

/**
 * The first sheet with a recognisable header row. Parsing the file (exceljs, papaparse) is heavy work: it runs
 * in the worker pool, counted against `owner`'s limit (platform/worker-pool.ts).
 */
export async function readTable(file: File, kind: FileKind, owner: string): Promise<Table> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const read = await runHeavy(owner, 'readSheets', { bytes, kind });
  if ('failure' in read) {
    throw unreadable(
      file.name,
      message(read.failure === 'broken_xlsx' ? 'roster.broken_xlsx' : 'roster.csv_not_utf8'),
    );
  }
  const { sheets } = read;
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
