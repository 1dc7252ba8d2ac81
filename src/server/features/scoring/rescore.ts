// Re-scoring after a framework change: every scorecard of a subtree's year is scored again under the framework
// that now governs its meeting (the scorer's own entries kept, automatic values refreshed from the facts), in
// chunks, with progress a client can poll. Also used to write many scorecards at once (demo history).
import { randomUUID } from 'node:crypto';
import { type Actor, can } from '../../../domain/permissions.ts';
import { storedText } from '../../../domain/messages.ts';
import { type CriterionEntry, scoreSheet, type ScoringFramework } from '../../../domain/scoring.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { logger } from '../../platform/logger.ts';
import * as orgRepo from '../organizations/organizations.repository.ts';
import { factsOfMeetings } from './scoring-facts.ts';
import { frameworkResolver } from './scoring.service.ts';

export interface RescoreJob {
  id: string;
  status: 'running' | 'done' | 'failed';
  total: number;
  done: number;
  changed: number;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

const jobs = new Map<string, RescoreJob>();

export function rescoreJob(id: string): RescoreJob {
  const job = jobs.get(id);
  if (!job) throw notFound('Không tìm thấy lượt chấm lại');
  return job;
}

/** Re-scores the given scorecards' meetings; returns how many scorecards changed. */
export async function rescoreMeetings(
  q: Queryable,
  meetingIds: readonly string[],
  frameworkFor: (meeting: {
    organization_id: string;
    org_path: string;
    planned_date: string;
  }) => ScoringFramework | null,
): Promise<number> {
  const cards = await q.query<{
    id: string;
    meeting_id: string;
    organization_id: string;
    org_path: string;
    planned_date: string;
    framework_id: string;
    framework_version: number;
    total: number;
    percent: number;
    rating: string | null;
    status: string;
  }>(
    `SELECT s.id, s.meeting_id, s.organization_id, p.path::text AS org_path, m.planned_date, s.framework_id,
            s.framework_version, s.total::float AS total, s.percent::float AS percent, s.rating, s.status
       FROM scorecard s JOIN meeting m ON m.id = s.meeting_id
       JOIN organization_period p ON p.organization_id = s.organization_id AND p.valid_to IS NULL
      WHERE s.meeting_id = ANY($1::uuid[])`,
    [meetingIds],
  );
  if (!cards.length) return 0;
  const [facts, entries] = await Promise.all([
    factsOfMeetings(q, meetingIds),
    q.query<{
      scorecard_id: string;
      criterion_id: string;
      points: number | null;
      override_reason: string | null;
    }>(
      `SELECT scorecard_id, criterion_id, points::float AS points, override_reason FROM scorecard_entry
        WHERE scorecard_id = ANY($1::uuid[])`,
      [cards.map((c) => c.id)],
    ),
  ]);
  const entriesOf = new Map<string, CriterionEntry[]>();
  for (const e of entries) {
    const list = entriesOf.get(e.scorecard_id) ?? [];
    list.push({ criterionId: e.criterion_id, points: e.points, overrideReason: e.override_reason });
    entriesOf.set(e.scorecard_id, list);
  }
  const knownOf = new Map<ScoringFramework, Set<string>>();
  const updates: Array<[string, number, number, number, string | null, string | null, string, number]> = [];
  const entryRows: Array<[string, string, number | null, number | null, string | null, string | null]> = [];
  for (const c of cards) {
    const f = frameworkFor(c);
    const fact = facts.get(c.meeting_id);
    if (!f || !fact) continue;
    // Entries of criteria the framework no longer has are dropped; the rest keep the scorer's values.
    let known = knownOf.get(f);
    if (!known) {
      known = new Set(f.groups.flatMap((g) => g.criteria.map((x) => x.id)));
      knownOf.set(f, known);
    }
    const mine = (entriesOf.get(c.id) ?? []).filter((e) => known.has(e.criterionId));
    const sheet = scoreSheet(f, mine, fact);
    const rating = sheet.complete ? sheet.rating : null;
    const same =
      f.id === c.framework_id &&
      f.version === c.framework_version &&
      Math.abs(sheet.total - c.total) < 1e-6 &&
      Math.abs(sheet.percent - c.percent) < 1e-6 &&
      rating === c.rating;
    if (same) continue;
    updates.push([
      c.id,
      sheet.total,
      sheet.applicableMax,
      sheet.percent,
      rating,
      sheet.complete ? storedText(sheet.ratingReason) : null,
      f.id,
      f.version,
    ]);
    const entered = new Map(mine.map((e) => [e.criterionId, e.points]));
    for (const x of sheet.criteria) {
      entryRows.push([
        c.id,
        x.id,
        entered.get(x.id) ?? null,
        x.auto?.points ?? null,
        x.auto ? storedText(x.auto.evidence) : null,
        x.overrideReason,
      ]);
    }
  }
  if (!updates.length) return 0;
  const col = <T>(i: number) => updates.map((u) => u[i] as T);
  await q.query(
    `UPDATE scorecard s SET total = u.total, applicable_max = u.max, percent = u.percent, rating = u.rating,
       rating_reason = u.reason, framework_id = u.fid, framework_version = u.fver, updated_at = now()
       FROM unnest($1::uuid[], $2::numeric[], $3::numeric[], $4::numeric[], $5::text[], $6::text[], $7::text[], $8::int[])
         AS u(id, total, max, percent, rating, reason, fid, fver)
      WHERE s.id = u.id`,
    [col(0), col(1), col(2), col(3), col(4), col(5), col(6), col(7)],
  );
  const changedIds = updates.map((u) => u[0]);
  await q.query('DELETE FROM scorecard_entry WHERE scorecard_id = ANY($1::uuid[])', [changedIds]);
  const e = <T>(i: number) => entryRows.map((r) => r[i] as T);
  await q.query(
    `INSERT INTO scorecard_entry (scorecard_id, criterion_id, points, auto_points, evidence, override_reason)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::numeric[], $4::numeric[], $5::text[], $6::text[])`,
    [e(0), e(1), e(2), e(3), e(4), e(5)],
  );
  return updates.length;
}

/** Starts re-scoring a subtree's year in the background; answers the job to poll. */
export async function startRescore(
  db: Database,
  actor: Actor,
  organizationId: string,
  year: number,
  meta: { ip: string | null },
  chunkSize = 500,
): Promise<RescoreJob> {
  const node = await orgRepo.findNode(db, organizationId);
  if (!node || !can(actor, 'organization.view', { type: 'organization', path: node.path })) {
    throw notFound('Không tìm thấy tổ chức');
  }
  if (!can(actor, 'ruleSet.assign', { type: 'organization', path: node.path })) {
    throw new AppError('forbidden', 'Chỉ cấp ủy cấp trên hoặc Ban Tổ chức được chấm lại theo khung mới');
  }
  // Each cell's meetings together, so a chunk reads the facts of few cells (the year's absences per cell).
  const meetings = await db.query<{ id: string }>(
    `SELECT s.meeting_id AS id FROM scorecard s
       JOIN organization_period p ON p.organization_id = s.organization_id AND p.valid_to IS NULL
      WHERE p.path <@ $1::ltree AND s.for_month LIKE $2
      GROUP BY s.meeting_id, s.organization_id ORDER BY s.organization_id, min(s.for_month), s.meeting_id`,
    [node.path, `${year}-%`],
  );
  const job: RescoreJob = {
    id: randomUUID(),
    status: 'running',
    total: meetings.length,
    done: 0,
    changed: 0,
    error: null,
    startedAt: new Date().toISOString(),
    finishedAt: null,
  };
  jobs.set(job.id, job);
  await recordAudit(db, {
    chain: node.province_id,
    actorAccountId: actor.accountId,
    action: 'scorecard.rescore',
    entity: 'organization',
    entityId: node.id,
    after: { year, meetings: meetings.length },
    ip: meta.ip,
  });
  // Organisations under one parent share their framework assignments: resolve once per parent path, outside
  // the chunk's transaction (PGlite has one connection).
  const resolvers = new Map<string, Awaited<ReturnType<typeof frameworkResolver>>>();
  const parentOf = (path: string) => path.split('.').slice(0, -1).join('.');
  const prepare = async (ids: string[]) => {
    const paths = await db.query<{ path: string }>(
      `SELECT DISTINCT p.path::text AS path FROM meeting m
         JOIN organization_period p ON p.organization_id = m.organization_id AND p.valid_to IS NULL
        WHERE m.id = ANY($1::uuid[])`,
      [ids],
    );
    for (const { path } of paths) {
      if (!resolvers.has(parentOf(path))) resolvers.set(parentOf(path), await frameworkResolver(db, path));
    }
  };
  const frameworkFor = (m: { org_path: string; planned_date: string }) =>
    resolvers.get(parentOf(m.org_path))?.(m.planned_date) ?? null;
  void (async () => {
    try {
      for (let i = 0; i < meetings.length; i += chunkSize) {
        const chunk = meetings.slice(i, i + chunkSize).map((m) => m.id);
        await prepare(chunk);
        job.changed += await db.transaction((tx) => rescoreMeetings(tx, chunk, frameworkFor));
        job.done = Math.min(meetings.length, i + chunk.length);
      }
      job.status = 'done';
    } catch (e) {
      job.status = 'failed';
      job.error = 'Chấm lại bị lỗi; dữ liệu đã chấm lại đến phần trước lỗi được giữ';
      logger.error('rescore failed', { jobId: job.id, error: String(e) });
    } finally {
      job.finishedAt = new Date().toISOString();
    }
  })();
  return job;
}
