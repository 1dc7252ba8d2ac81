// Roster import and export: read a cell's .xlsx/.csv roster, check every row in the background, match
// re-imports to stored members, save all-or-nothing, and write the roster back out as .xlsx.
//
// Decisions (see the report of the import feature):
// - A row matches a stored member by party card number, else by CCCD. It becomes an update only when that
//   member is active, officially attends this very cell, and the actor may update them; anyone else
//   (another cell, even one the actor manages, or a member who left) is a problem "đã thuộc chi bộ khác":
//   moving members between cells is a transfer, with its own document, never a side effect of a file.
// - On update a blank cell keeps what is stored; a missing column is not touched. An import never erases.
// - A phone or e-mail already used by another member is a problem (they are unique), found at preview time.
// - Checks that need the file (type, size, readable, header row, row count) answer at upload; the row
//   checks run in the background, and the client polls GET /roster-imports/{id}.
// - Commit is one transaction; progress lives in memory while it runs (PGlite has one connection, busy
//   with the transaction), and the matching is checked again inside it in case the data changed since.
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { MemberFields } from '../../../contracts/members.ts';
import {
  type RosterImportView,
  type RosterProblem,
  type RosterRow,
  rosterUploadLimits,
} from '../../../contracts/roster-import.ts';
import { formatDateLongVi, formatDateVi, todayIso } from '../../../domain/dates.ts';
import { type Actor, can, type MemberResource } from '../../../domain/permissions.ts';
import {
  cellText,
  exportCell,
  exportColumns,
  expectedLabelsText,
  findDuplicates,
  findHeaderRow,
  headerSearchRows,
  identifierKey,
  memberRuleProblems,
  mergeForUpdate,
  parseRosterRow,
  type RosterField,
  type RosterHeader,
  rosterLabels,
  updateProblems,
} from '../../../domain/roster.ts';
import { fromStoredText, type Message, verbatim, viText } from '../../../domain/messages.ts';
import { foldVietnamese } from '../../../domain/text.ts';
import { isCellKind } from '../../../domain/tree.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { AppError, mapDatabaseError, notFound } from '../../platform/errors.ts';
import { logger } from '../../platform/logger.ts';
import type { MemberRow } from '../members/members.repository.ts';
import * as orgRepo from '../organizations/organizations.repository.ts';
import * as repo from './roster-import.repository.ts';

export interface AuditMeta {
  ip: string | null;
}

const previewSize = 50;
const progressEvery = 1000;
const batchSize = 500;

// Rows done so far while an import is checked or committed, by import id (see the note on commit above).
const progress = new Map<string, number>();
const running = new Set<Promise<void>>();

function inBackground(name: string, task: () => Promise<void>) {
  const p: Promise<void> = task()
    .catch((err) => logger.error(`${name} failed`, { error: err instanceof Error ? err.stack : String(err) }))
    .finally(() => running.delete(p));
  running.add(p);
}

/** Resolves when no import is being checked or committed (tests, benchmarks and shutdown wait on it). */
export async function waitForBackgroundWork(): Promise<void> {
  while (running.size > 0) await Promise.allSettled([...running]);
}

async function getVisibleOrganization(q: Queryable, actor: Actor, id: string) {
  const node = await orgRepo.findNode(q, id, todayIso());
  if (!node || !can(actor, 'organization.view', { type: 'organization', path: node.path })) {
    throw new AppError('not_found', 'Không tìm thấy tổ chức', [
      { path: 'organizationId', message: 'Tổ chức không tồn tại' },
    ]);
  }
  return node;
}

// ---- reading files -------------------------------------------------------------------------------------

type FileKind = 'xlsx' | 'csv';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function extensionOf(name: string): string {
  const m = /\.[^./\\]+$/.exec(name.trim());
  return m ? m[0].toLowerCase() : '';
}

/** The kind of an upload, by its extension (browsers disagree on CSV content types), else its content type. */
function fileKind(file: File): FileKind {
  const ext = extensionOf(file.name);
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.csv') return 'csv';
  if (ext === '') {
    if (file.type === xlsxType) return 'xlsx';
    if (file.type === 'text/csv') return 'csv';
  }
  const hint =
    ext === '.xls' ? ' Tệp Excel cũ (.xls): hãy mở bằng Excel và "Lưu thành" Excel Workbook (.xlsx).' : '';
  throw new AppError(
    'unsupported_file',
    `Không nhận tệp ${ext ? `'${ext}'` : 'không có phần mở rộng'}: chỉ nhận .xlsx hoặc .csv.${hint}`,
    [{ path: 'file', message: 'Chỉ nhận tệp .xlsx hoặc .csv' }],
  );
}

const unreadable = (fileName: string, why: string) =>
  new AppError('validation_failed', `Không đọc được tệp '${fileName}': ${why}`, [
    { path: 'file', message: why },
  ]);

/** Every sheet of a workbook as rows of raw cell values (0-based columns). */
async function readXlsx(bytes: Buffer, fileName: string): Promise<unknown[][][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    throw unreadable(fileName, 'tệp hỏng hoặc không phải tệp Excel (.xlsx)');
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
    throw unreadable(fileName, 'tệp CSV không ở mã UTF-8; trong Excel hãy chọn "Lưu thành" CSV UTF-8');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const parsed = Papa.parse<string[]>(text, { delimiter: guessDelimiter(text), skipEmptyLines: false });
  return [parsed.data];
}

interface Table {
  rows: unknown[][];
  header: RosterHeader;
  /** Rows under the header with anything in them. */
  dataRows: number;
}

async function readTable(file: File, kind: FileKind): Promise<Table> {
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
  const message = `Không tìm thấy dòng tiêu đề cột trong ${headerSearchRows} dòng đầu của tệp. Cần ít nhất cột "Họ và tên"; các cột đọc được: ${expectedLabelsText()}.`;
  throw new AppError('validation_failed', message, [
    { path: 'file', message: 'Không có dòng tiêu đề "Họ và tên"' },
  ]);
}

// ---- upload and check ----------------------------------------------------------------------------------

/**
 * Takes a roster file for a cell: checks what can be checked at once, records the import, and checks the
 * rows in the background. The client polls getView.
 */
export async function startImport(
  db: Database,
  actor: Actor,
  input: { file: File; organizationId: string },
): Promise<{ id: string }> {
  const org = await getVisibleOrganization(db, actor, input.organizationId);
  if (!can(actor, 'member.import', { type: 'organization', path: org.path })) {
    throw new AppError('forbidden', 'Bạn không có quyền nhập danh sách đảng viên cho tổ chức này');
  }
  if (!isCellKind(org.kind)) {
    throw new AppError('validation_failed', 'Danh sách đảng viên được nhập cho từng chi bộ', [
      { path: 'organizationId', message: 'Hãy chọn một chi bộ' },
    ]);
  }
  const { file } = input;
  const kind = fileKind(file);
  if (file.size > rosterUploadLimits.maxBytes) {
    const mb = (n: number) => (n / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 });
    throw new AppError(
      'payload_too_large',
      `Tệp ${mb(file.size)} MB, vượt giới hạn ${mb(rosterUploadLimits.maxBytes)} MB`,
    );
  }
  const table = await readTable(file, kind);
  if (table.dataRows === 0) {
    throw new AppError('validation_failed', 'Tệp không có dòng đảng viên nào dưới dòng tiêu đề', [
      { path: 'file', message: 'Không có dữ liệu' },
    ]);
  }
  if (table.dataRows > rosterUploadLimits.maxRows) {
    throw new AppError(
      'payload_too_large',
      `Tệp có ${table.dataRows.toLocaleString('vi-VN')} dòng, mỗi lần nhập tối đa ${rosterUploadLimits.maxRows.toLocaleString('vi-VN')} dòng`,
    );
  }
  const id = await repo.insertImport(db, {
    provinceId: org.province_id,
    organizationId: org.id,
    accountId: actor.accountId,
    fileName: file.name.slice(0, 255),
    totalRows: table.dataRows,
  });
  progress.set(id, 0);
  inBackground('roster check', async () => {
    try {
      await checkRows(db, actor, id, org.id, table);
    } catch (err) {
      await repo.markFailed(db, id, errorText(err));
      throw err;
    } finally {
      progress.delete(id);
    }
  });
  return { id };
}

function errorText(err: unknown): string {
  const mapped = mapDatabaseError(err);
  if (mapped instanceof AppError) return mapped.message;
  return `Lỗi hệ thống khi xử lý tệp: ${err instanceof Error ? err.message : String(err)}`.slice(0, 1000);
}

async function checkRows(db: Database, actor: Actor, id: string, organizationId: string, table: Table) {
  const { rows, header } = table;
  const today = todayIso();
  const parsed: Array<{ row: number; fields: MemberFields }> = [];
  const problems: RosterProblem[] = [];
  let total = 0;
  for (let i = header.dataStart; i < rows.length; i++) {
    const r = parseRosterRow(rows[i]!, i + 1, { header, today });
    if (!r) continue;
    total++;
    problems.push(...r.problems);
    if (r.fields) parsed.push({ row: r.row, fields: r.fields });
    if (total % progressEvery === 0) {
      progress.set(id, total);
      await repo.updateProgress(db, id, total);
    }
  }
  problems.push(...findDuplicates(parsed, header));
  const duplicateRows = new Set(problems.map((p) => p.row));
  const unique = parsed.filter((p) => !duplicateRows.has(p.row));

  const label = (f: RosterField) => header.byField[f]?.label ?? rosterLabels[f];
  const existing = await listExisting(db, unique, organizationId, today);
  const matched = matchRows(unique, existing, { actor, organizationId, today, label });
  problems.push(...matched.problems);
  problems.sort((a, b) => a.row - b.row);

  await repo.finishParsing(db, id, {
    status: problems.length > 0 ? 'invalid' : 'ready',
    totalRows: total,
    rows: matched.rows,
    problems,
    summary: {
      create: matched.rows.filter((r) => r.action === 'create').length,
      update: matched.rows.filter((r) => r.action === 'update').length,
      columns: header.columns.map((c) => ({ label: c.label, field: c.field })),
    },
  });
}

/** Stored members a row could be: any holding one of the file's identifiers, and everyone in the cell. */
async function listExisting(
  q: Queryable,
  rows: ReadonlyArray<{ fields: MemberFields }>,
  organizationId: string,
  today: string,
) {
  const collect = (f: 'partyCardNumber' | 'citizenId' | 'phone' | 'email') => [
    ...new Set(
      rows
        .map((r) => r.fields[f])
        .filter((v): v is string => !!v)
        .map((v) => identifierKey(f, v)),
    ),
  ];
  const ids = {
    cards: collect('partyCardNumber'),
    citizenIds: collect('citizenId'),
    phones: collect('phone'),
    emails: collect('email'),
  };
  // The cell's own members in one query; the identifier search then only looks outside the cell.
  const out = new Map<string, repo.ExistingMemberRow>();
  for (const m of await repo.listOfficialMembers(q, organizationId, today)) out.set(m.id, m);
  // Bounded arrays per statement keep each query's parameters small on huge files.
  const chunk = 5000;
  const longest = Math.max(ids.cards.length, ids.citizenIds.length, ids.phones.length, ids.emails.length);
  for (let i = 0; i < longest; i += chunk) {
    const part = {
      cards: ids.cards.slice(i, i + chunk),
      citizenIds: ids.citizenIds.slice(i, i + chunk),
      phones: ids.phones.slice(i, i + chunk),
      emails: ids.emails.slice(i, i + chunk),
    };
    for (const m of await repo.listMembersByIdentifiers(q, part, organizationId, today)) out.set(m.id, m);
  }
  return [...out.values()];
}

function storedFields(m: MemberRow): MemberFields {
  return {
    fullName: m.full_name,
    birthName: m.birth_name,
    dateOfBirth: m.date_of_birth,
    gender: m.gender,
    ethnicity: m.ethnicity,
    religion: m.religion,
    hometown: m.hometown,
    education: m.education,
    politicalTheory: m.political_theory,
    profession: m.profession,
    admissionDate: m.admission_date,
    fullMembershipDate: m.full_membership_date,
    partyCardNumber: m.party_card_number,
    citizenId: m.citizen_id,
    phone: m.phone,
    email: m.email,
    status: m.status,
  };
}

/**
 * A member of this cell with no party card or CCCD in the file or in the store to match by (probationary
 * members have no card yet; exports without personal data carry no CCCD): the same name and the same date
 * of birth, phone or e-mail, and no stored identifier that contradicts the row. Exactly one, or none.
 */
function matchInCellByName(
  byName: Map<string, repo.ExistingMemberRow[]>,
  f: MemberFields,
): repo.ExistingMemberRow | undefined {
  const candidates = (byName.get(foldVietnamese(f.fullName)) ?? []).filter(
    (m) =>
      ((f.dateOfBirth && m.date_of_birth === f.dateOfBirth) ||
        (f.phone && m.phone === f.phone) ||
        (f.email && m.email?.toLowerCase() === f.email.toLowerCase())) &&
      (!f.partyCardNumber || !m.party_card_number) &&
      (!f.citizenId || !m.citizen_id),
  );
  return candidates.length === 1 ? candidates[0] : undefined;
}

interface MatchContext {
  actor: Actor;
  organizationId: string;
  today: string;
  label: (f: RosterField) => string;
}

/** Decides create or update for each row, and the problems of rows whose identifiers are someone else's. */
function matchRows(
  parsed: ReadonlyArray<{ row: number; fields: MemberFields }>,
  existing: readonly repo.ExistingMemberRow[],
  ctx: MatchContext,
): { rows: RosterRow[]; problems: RosterProblem[] } {
  const index = (key: (m: repo.ExistingMemberRow) => string | null) => {
    const map = new Map<string, repo.ExistingMemberRow>();
    for (const m of existing) {
      const k = key(m);
      if (k) map.set(k, m);
    }
    return map;
  };
  const byCard = index((m) => m.party_card_number);
  const byCitizenId = index((m) => m.citizen_id);
  const byPhone = index((m) => m.phone);
  const byEmail = index((m) => m.email?.toLowerCase() ?? null);
  const byName = new Map<string, repo.ExistingMemberRow[]>();
  for (const m of existing) {
    if (m.official_organization_id !== ctx.organizationId || m.lifecycle !== 'active') continue;
    const list = byName.get(m.search_name) ?? [];
    list.push(m);
    byName.set(m.search_name, list);
  }
  const firstRowOf = new Map<string, number>();
  const rows: RosterRow[] = [];
  const problems: RosterProblem[] = [];

  for (const { row, fields } of parsed) {
    const own: RosterProblem[] = [];
    const add = (field: RosterField, message: string | Message) =>
      own.push({
        row,
        column: ctx.label(field),
        message: typeof message === 'string' ? verbatim(message) : message,
      });
    const byCardMatch = fields.partyCardNumber ? byCard.get(fields.partyCardNumber) : undefined;
    const byIdMatch = fields.citizenId ? byCitizenId.get(fields.citizenId) : undefined;
    const match = byCardMatch ?? byIdMatch ?? matchInCellByName(byName, fields);
    const matchedBy: RosterField = byCardMatch ? 'partyCardNumber' : byIdMatch ? 'citizenId' : 'fullName';
    const shown = `${ctx.label(matchedBy)} '${byCardMatch ? fields.partyCardNumber : byIdMatch ? fields.citizenId : fields.fullName}'`;

    if (!match && fields.dateOfBirth) {
      const twin = byName
        .get(foldVietnamese(fields.fullName))
        ?.find((m) => m.date_of_birth === fields.dateOfBirth);
      if (twin) {
        add(
          'fullName',
          `Trùng họ tên và ngày sinh với một đảng viên đang sinh hoạt ở chi bộ nhưng khác ${ctx.label('partyCardNumber')} hoặc ${ctx.label('citizenId')}; kiểm tra lại để không tạo hai hồ sơ cho một người`,
        );
      }
    }
    if (byCardMatch && byIdMatch && byCardMatch.id !== byIdMatch.id) {
      add(
        'citizenId',
        `${ctx.label('partyCardNumber')} và ${ctx.label('citizenId')} thuộc hai đảng viên khác nhau trong hệ thống`,
      );
    } else if (match) {
      const resource: MemberResource = { type: 'member', memberId: match.id, organizationPaths: match.paths };
      if (match.lifecycle !== 'active') {
        add(
          matchedBy,
          `${shown} thuộc một đảng viên không còn sinh hoạt trong hệ thống; không nhập lại qua danh sách`,
        );
      } else if (
        match.official_organization_id !== ctx.organizationId ||
        !can(ctx.actor, 'member.update', resource)
      ) {
        add(
          matchedBy,
          `${shown} đã thuộc chi bộ khác; chuyển sinh hoạt đảng theo thủ tục, không qua nhập danh sách`,
        );
      } else if (firstRowOf.has(match.id)) {
        add(matchedBy, `${shown}: cùng một đảng viên với dòng ${firstRowOf.get(match.id)}`);
      } else {
        firstRowOf.set(match.id, row);
        const stored = storedFields(match);
        const merged = mergeForUpdate(stored, fields);
        for (const p of [...updateProblems(stored, fields), ...memberRuleProblems(merged, ctx.today)])
          add(p.field, p.message);
      }
    }
    // Phone and e-mail are unique too: they may not be another member's.
    if (fields.phone) {
      const owner = byPhone.get(fields.phone);
      if (owner && owner.id !== match?.id)
        add('phone', `${ctx.label('phone')} '${fields.phone}' đã dùng cho một đảng viên khác`);
    }
    if (fields.email) {
      const owner = byEmail.get(fields.email.toLowerCase());
      if (owner && owner.id !== match?.id)
        add('email', `${ctx.label('email')} '${fields.email}' đã dùng cho một đảng viên khác`);
    }

    if (own.length > 0) problems.push(...own);
    else
      rows.push({ ...fields, row, action: match ? 'update' : 'create', matchedMemberId: match?.id ?? null });
  }
  return { rows, problems };
}

// ---- view ----------------------------------------------------------------------------------------------

/** An import belongs to the account that uploaded it; others (but the administrator) get a 404. */
async function getOwnImport(q: Queryable, actor: Actor, id: string) {
  const imp = await repo.findImport(q, id);
  if (!imp || (imp.account_id !== actor.accountId && !actor.isSystemAdmin)) {
    throw notFound('Không tìm thấy lần nhập danh sách');
  }
  return imp;
}

export async function getView(db: Database, actor: Actor, id: string): Promise<RosterImportView> {
  const imp = await getOwnImport(db, actor, id);
  const preview = imp.status === 'parsing' ? [] : await repo.listPreviewRows(db, id, previewSize);
  return {
    id: imp.id,
    organizationId: imp.organization_id,
    fileName: imp.file_name,
    status: imp.status,
    totalRows: imp.total_rows,
    processedRows: progress.get(id) ?? imp.processed_rows,
    problems: imp.problems.map(storedProblem),
    preview,
    summary: imp.summary ? { create: imp.summary.create, update: imp.summary.update } : null,
    error: imp.error,
    columns: imp.summary?.columns ?? [],
  };
}

// ---- commit --------------------------------------------------------------------------------------------

const notReady: Record<repo.ImportStatus, string> = {
  parsing: 'Tệp đang được kiểm tra, hãy chờ kiểm tra xong',
  ready: '',
  invalid: 'Tệp còn lỗi, chưa thể lưu. Hãy sửa các dòng bị lỗi rồi tải tệp lên lại',
  committing: 'Danh sách đang được lưu',
  committed: 'Danh sách này đã được lưu',
  failed: 'Lần nhập này đã bị lỗi, hãy tải tệp lên lại',
};

/** Saves a checked import: every row or none. Answers at once; the client polls getView. */
export async function commitImport(
  db: Database,
  actor: Actor,
  id: string,
  meta: AuditMeta,
): Promise<{ id: string }> {
  const imp = await getOwnImport(db, actor, id);
  if (imp.status !== 'ready') throw new AppError('invalid_state', notReady[imp.status]);
  const org = await getVisibleOrganization(db, actor, imp.organization_id);
  if (!can(actor, 'member.import', { type: 'organization', path: org.path })) {
    throw new AppError('forbidden', 'Bạn không có quyền nhập danh sách đảng viên cho tổ chức này');
  }
  if (!(await repo.transitionStatus(db, id, 'ready', 'committing'))) {
    throw new AppError('invalid_state', notReady.committing);
  }
  progress.set(id, 0);
  inBackground('roster commit', async () => {
    try {
      await saveRows(db, actor, id, { id: org.id, provinceId: org.province_id }, meta);
    } catch (err) {
      await repo.markFailed(db, id, errorText(err));
      throw err;
    } finally {
      progress.delete(id);
    }
  });
  return { id };
}

function toValues(f: MemberFields): repo.MemberValues {
  const v = (x: string | null | undefined) => x ?? null;
  return {
    full_name: f.fullName,
    birth_name: v(f.birthName),
    search_name: foldVietnamese(f.fullName),
    date_of_birth: v(f.dateOfBirth),
    gender: v(f.gender),
    ethnicity: v(f.ethnicity),
    religion: v(f.religion),
    hometown: v(f.hometown),
    education: v(f.education),
    political_theory: v(f.politicalTheory),
    profession: v(f.profession),
    admission_date: v(f.admissionDate),
    full_membership_date: v(f.fullMembershipDate),
    party_card_number: v(f.partyCardNumber),
    citizen_id: v(f.citizenId),
    phone: v(f.phone),
    email: v(f.email),
    status: f.status,
  };
}

async function saveRows(
  db: Database,
  actor: Actor,
  id: string,
  org: { id: string; provinceId: string },
  meta: AuditMeta,
) {
  const rows = await repo.listRows(db, id);
  const today = todayIso();
  await db.transaction(async (tx) => {
    // The stored members may have changed since the check: match again, and stop if anything differs.
    const asParsed = rows.map((r) => ({ row: r.row, fields: r as MemberFields }));
    const existing = await listExisting(tx, asParsed, org.id, today);
    const label = (f: RosterField) => rosterLabels[f];
    const again = matchRows(asParsed, existing, { actor, organizationId: org.id, today, label });
    const changed = again.rows.find(
      (r, i) => r.row !== rows[i]?.row || r.matchedMemberId !== rows[i]?.matchedMemberId,
    );
    const first = again.problems[0];
    if (first || changed || again.rows.length !== rows.length) {
      const why = first
        ? `dòng ${first.row}: ${viText(first.message)}`
        : `dòng ${changed?.row ?? ''} khớp với đảng viên khác`;
      throw new AppError(
        'invalid_state',
        `Dữ liệu đã thay đổi từ khi kiểm tra tệp (${why}). Hãy tải tệp lên lại.`,
      );
    }
    const storedStatus = new Map(existing.map((m) => [m.id, m.status]));

    let done = 0;
    const creates = rows.filter((r) => r.action === 'create');
    const updates = rows.filter((r) => r.action === 'update');
    for (let i = 0; i < creates.length; i += batchSize) {
      const batch = creates.slice(i, i + batchSize).map((r) => ({ id: randomUUID(), row: r }));
      await repo.insertMembers(
        tx,
        org.provinceId,
        batch.map((b) => ({ id: b.id, values: toValues(b.row) })),
      );
      await repo.insertMemberships(
        tx,
        batch.map((b) => ({
          provinceId: org.provinceId,
          memberId: b.id,
          organizationId: org.id,
          validFrom: today,
        })),
      );
      await repo.insertEvents(
        tx,
        batch
          .filter((b) => b.row.admissionDate)
          .map((b) => ({
            provinceId: org.provinceId,
            memberId: b.id,
            kind: 'admitted' as const,
            eventDate: b.row.admissionDate!,
            organizationId: org.id,
          })),
      );
      done += batch.length;
      progress.set(id, done);
    }
    for (let i = 0; i < updates.length; i += batchSize) {
      const batch = updates.slice(i, i + batchSize);
      await repo.updateMembers(
        tx,
        batch.map((r) => ({ id: r.matchedMemberId!, values: toValues(r) })),
      );
      // A probationary member the file now lists as full: the change is a fact with its date.
      await repo.insertEvents(
        tx,
        batch
          .filter((r) => r.status === 'full' && storedStatus.get(r.matchedMemberId!) === 'probationary')
          .map((r) => ({
            provinceId: org.provinceId,
            memberId: r.matchedMemberId!,
            kind: 'made_full' as const,
            eventDate: r.fullMembershipDate!,
            organizationId: org.id,
          })),
      );
      done += batch.length;
      progress.set(id, done);
    }
    const summary = { created: creates.length, updated: updates.length };
    await recordAudit(tx, {
      chain: org.provinceId,
      actorAccountId: actor.accountId,
      action: 'member.import',
      entity: 'roster_import',
      entityId: id,
      after: { importId: id, ...summary, organizationId: org.id },
      ip: meta.ip,
    });
    const stored = await repo.findImport(tx, id);
    await repo.markCommitted(tx, id, {
      create: creates.length,
      update: updates.length,
      columns: stored?.summary?.columns ?? [],
    });
  });
}

// ---- export --------------------------------------------------------------------------------------------

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

/** A problem as stored: a message, or the text of an import checked before messages had codes. */
function storedProblem(p: RosterProblem): RosterProblem {
  const m = p.message as RosterProblem['message'] | string;
  return typeof m === 'string' ? { ...p, message: fromStoredText(m) } : p;
}
