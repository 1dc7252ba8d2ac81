// Roster import: read a cell's .xlsx/.csv roster (roster-files.ts), check every row in the background, match
// re-imports to stored members (roster-matching.ts), save all-or-nothing. Export: roster-export.service.ts.
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
//   with the transaction; on PostgreSQL it is written to the import too, for the other processes), and the
//   matching is checked again inside it in case the data changed since.
import { randomUUID } from 'node:crypto';
import type { MemberFields } from '../../../contracts/members.ts';
import {
  type RosterImportView,
  type RosterProblem,
  rosterUploadLimits,
} from '../../../contracts/roster-import.ts';
import { todayIso } from '../../../domain/dates.ts';
import { type Actor, can } from '../../../domain/permissions.ts';
import { type RosterField, rosterLabels } from '../../../domain/roster-columns.ts';
import { findDuplicates } from '../../../domain/roster-matching.ts';
import { parseRosterRow } from '../../../domain/roster-rows.ts';
import { foldVietnamese } from '../../../domain/text.ts';
import { isCellKind } from '../../../domain/tree.ts';
import { fromStoredText, type Message, message, storedText, verbatim } from '../../../domain/messages.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { AppError, mapDatabaseError, notFound } from '../../platform/errors.ts';
import { keepBeating, processOwner, staleAfterMs } from '../../platform/jobs.ts';
import { logger } from '../../platform/logger.ts';
import { findOrganization } from '../organizations/organizations.service.ts';
import { fileKind, readTable, type Table } from './roster-files.ts';
import { listExisting, matchRows } from './roster-matching.ts';
import * as repo from './roster-import.repository.ts';
import { refreshMembers } from '../summaries/member-summaries.service.ts';

export interface AuditMeta {
  ip: string | null;
}

const previewSize = 50;
const progressEvery = 1000;
const batchSize = 500;
/** The note of the admission and full-membership events an import records. */
const importedNote = storedText(message('roster.imported_event_note'));

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

export async function getVisibleOrganization(q: Queryable, actor: Actor, id: string) {
  const node = await findOrganization(q, id, todayIso());
  if (!node || !can(actor, 'organization.view', { type: 'organization', path: node.path })) {
    throw new AppError('not_found', message('organization.not_found'), [
      { path: 'organizationId', message: message('organization.does_not_exist') },
    ]);
  }
  return node;
}

/**
 * An import interrupted by a restart cannot resume: say so instead of leaving it "in progress" forever. On
 * PostgreSQL other live processes may be running imports, so only those whose owner stopped beating are failed
 * (every process sweeps now and then); the embedded database has one process, which fails all at start.
 */
export async function failInterruptedImports(db: Database): Promise<number> {
  const stale = db.kind === 'pglite' ? null : staleAfterMs;
  return repo.failUnfinished(db, JSON.stringify(message('roster.interrupted')), stale);
}

/** Runs an import's background step, owned by this process, with its heartbeat kept while it runs. */
function owned(db: Database, id: string, task: () => Promise<void>): () => Promise<void> {
  return async () => {
    const stop = keepBeating('roster import', () => repo.beat(db, id, processOwner));
    try {
      await task();
    } finally {
      stop();
    }
  };
}

/** A problem as stored: a message, or the text of an import checked before messages had codes. */
function storedProblem(p: RosterProblem): RosterProblem {
  const m = p.message as RosterProblem['message'] | string;
  return typeof m === 'string' ? { ...p, message: fromStoredText(m) } : p;
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
  meta: AuditMeta,
): Promise<{ id: string }> {
  const org = await getVisibleOrganization(db, actor, input.organizationId);
  if (!can(actor, 'member.import', { type: 'organization', path: org.path })) {
    throw new AppError('forbidden', message('roster.forbidden'));
  }
  if (!isCellKind(org.kind)) {
    throw new AppError('validation_failed', message('roster.cell_only'), [
      { path: 'organizationId', message: message('organization.choose_cell') },
    ]);
  }
  const { file } = input;
  const kind = fileKind(file);
  if (file.size > rosterUploadLimits.maxBytes) {
    const mb = (n: number) => (n / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 });
    throw new AppError(
      'payload_too_large',
      message('roster.too_large', { size: mb(file.size), limit: mb(rosterUploadLimits.maxBytes) }),
    );
  }
  const table = await readTable(file, kind, actor.accountId);
  if (table.dataRows === 0) {
    throw new AppError('validation_failed', message('roster.no_rows'), [
      { path: 'file', message: message('roster.no_data') },
    ]);
  }
  if (table.dataRows > rosterUploadLimits.maxRows) {
    throw new AppError(
      'payload_too_large',
      message('roster.too_many_rows', {
        rows: table.dataRows.toLocaleString('vi-VN'),
        limit: rosterUploadLimits.maxRows.toLocaleString('vi-VN'),
      }),
    );
  }
  const fileName = file.name.slice(0, 255);
  const id = await db.transaction(async (tx) => {
    const importId = await repo.insertImport(tx, {
      provinceId: org.province_id,
      organizationId: org.id,
      accountId: actor.accountId,
      fileName,
      totalRows: table.dataRows,
      owner: processOwner,
    });
    await recordAudit(tx, {
      chain: org.province_id,
      actorAccountId: actor.accountId,
      action: 'member.import.upload',
      entity: 'roster_import',
      entityId: importId,
      after: { fileName, organizationId: org.id, rows: table.dataRows },
      ip: meta.ip,
    });
    return importId;
  });
  progress.set(id, 0);
  inBackground(
    'roster check',
    owned(db, id, async () => {
      try {
        await checkRows(db, actor, id, org.id, table);
      } catch (err) {
        await repo.markFailed(db, id, errorText(err));
        throw err;
      } finally {
        progress.delete(id);
      }
    }),
  );
  return { id };
}

/** Why an import failed, stored as its message (JSON) in roster_import.error. */
function errorText(err: unknown): string {
  const mapped = mapDatabaseError(err);
  const m: Message =
    mapped instanceof AppError
      ? typeof mapped.detail === 'string'
        ? verbatim(mapped.detail)
        : mapped.detail
      : message('roster.internal_error', {
          detail: (err instanceof Error ? err.message : String(err)).slice(0, 1000),
        });
  return JSON.stringify(m);
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

// ---- view ----------------------------------------------------------------------------------------------

/** An import belongs to the account that uploaded it; others (but the administrator) get a 404. */
async function getOwnImport(q: Queryable, actor: Actor, id: string) {
  const imp = await repo.findImport(q, id);
  if (!imp || (imp.account_id !== actor.accountId && !actor.isSystemAdmin)) {
    throw notFound(message('roster.import_not_found'));
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
    error: fromStoredText(imp.error),
    columns: imp.summary?.columns ?? [],
  };
}

// ---- commit --------------------------------------------------------------------------------------------

const notReady = (status: Exclude<repo.ImportStatus, 'ready'>) => message(`roster.status.${status}`);

/** Saves a checked import: every row or none. Answers at once; the client polls getView. */
export async function commitImport(
  db: Database,
  actor: Actor,
  id: string,
  meta: AuditMeta,
): Promise<{ id: string }> {
  const imp = await getOwnImport(db, actor, id);
  if (imp.status !== 'ready') throw new AppError('invalid_state', notReady(imp.status));
  const org = await getVisibleOrganization(db, actor, imp.organization_id);
  if (!can(actor, 'member.import', { type: 'organization', path: org.path })) {
    throw new AppError('forbidden', message('roster.forbidden'));
  }
  if (!(await repo.transitionStatus(db, id, 'ready', 'committing', processOwner))) {
    throw new AppError('invalid_state', notReady('committing'));
  }
  progress.set(id, 0);
  inBackground(
    'roster commit',
    owned(db, id, async () => {
      try {
        await saveRows(db, actor, id, { id: org.id, provinceId: org.province_id }, meta);
      } catch (err) {
        await repo.markFailed(db, id, errorText(err));
        throw err;
      } finally {
        progress.delete(id);
      }
    }),
  );
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

/**
 * Rows saved so far by a commit: in this process's memory, and on PostgreSQL in the import's row too, through
 * another connection, so that any process answers the polling (PGlite's one connection is busy with the commit's
 * transaction). The transaction touches that row only at its end.
 */
async function reportCommitProgress(db: Database, id: string, done: number) {
  progress.set(id, done);
  if (db.kind === 'postgresql') await repo.updateProgress(db, id, done);
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
      throw new AppError(
        'invalid_state',
        first
          ? message('roster.changed_since_check', { row: first.row, problem: first.message })
          : message('roster.row_matches_other', { row: changed?.row ?? '' }),
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
      await refreshMembers(
        tx,
        batch.map((b) => b.id),
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
        importedNote,
      );
      done += batch.length;
      await reportCommitProgress(db, id, done);
    }
    for (let i = 0; i < updates.length; i += batchSize) {
      const batch = updates.slice(i, i + batchSize);
      await repo.updateMembers(
        tx,
        batch.map((r) => ({ id: r.matchedMemberId!, values: toValues(r) })),
      );
      await refreshMembers(
        tx,
        batch.map((r) => r.matchedMemberId!),
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
        importedNote,
      );
      done += batch.length;
      await reportCommitProgress(db, id, done);
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
