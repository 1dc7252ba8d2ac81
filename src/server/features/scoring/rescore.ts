// Re-scoring after a framework change: every scorecard of a subtree's year is scored again under the framework
// that now governs its meeting (the scorer's own entries kept, automatic values refreshed from the facts), in
// chunks, with progress a client can poll. Also used to write many scorecards at once (demo history).
import { randomUUID } from 'node:crypto';
import { type Actor, can } from '../../../domain/permissions.ts';
import { storedText } from '../../../domain/messages.ts';
import { type CriterionEntry, scoreScorecard } from '../../../domain/scorecard.ts';
import type { ScoringFramework } from '../../../domain/scoring-schema.ts';
import { type Message, message } from '../../../messages/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { keepBeating, processOwner, staleAfterMs } from '../../platform/jobs.ts';
import { logger } from '../../platform/logger.ts';
import { getVisibleNode } from '../organizations/organizations.service.ts';
import { frameworkResolver } from './frameworks.service.ts';
import { refreshCells } from '../summaries/summaries.service.ts';
import { refreshFourGood } from '../evaluation/four-good-summary.ts';
import { factsOfMeetings } from './scoring-facts.ts';
import * as jobsRepo from './rescore-jobs.repository.ts';
import * as repo from './scoring.repository.ts';

export interface RescoreJob {
  id: string;
  status: 'running' | 'done' | 'failed';
  total: number;
  done: number;
  changed: number;
  error: Message | null;
  startedAt: string;
  finishedAt: string | null;
}

/** A job's progress, if the actor sees the organisation it re-scores (404 otherwise, as for a job never started). */
export async function rescoreJob(q: Queryable, actor: Actor, id: string): Promise<RescoreJob> {
  const row = await jobsRepo.findRescoreJob(q, id);
  if (!row || !can(actor, 'organization.view', { type: 'organization', path: row.organization_path })) {
    throw notFound(message('scoring.rescore_job_not_found'));
  }
  return jobView(row);
}

function jobView(row: jobsRepo.RescoreJobRow): RescoreJob {
  return {
    id: row.id,
    status: row.status,
    total: row.total,
    done: row.done,
    changed: row.changed,
    error: (row.error as Message | null) ?? null,
    startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at ? row.finished_at.toISOString() : null,
  };
}

/**
 * Re-scoring jobs whose process stopped cannot resume: failed, saying so. On PostgreSQL only those whose owner
 * stopped beating (other processes may be running theirs); on the embedded database (one process) all, at start.
 */
export async function failInterruptedRescores(db: Database): Promise<number> {
  const error = JSON.stringify(message('scoring.rescore_interrupted'));
  return jobsRepo.failStaleRescoreJobs(db, error, db.kind === 'pglite' ? null : staleAfterMs);
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
  const cards = await repo.listScorecardsOfMeetings(q, meetingIds);
  if (!cards.length) return 0;
  const facts = await factsOfMeetings(q, meetingIds);
  const entries = await repo.listScorecardEntries(
    q,
    cards.map((c) => c.id),
  );
  const entriesOf = new Map<string, CriterionEntry[]>();
  for (const e of entries) {
    const list = entriesOf.get(e.scorecard_id) ?? [];
    list.push({ criterionId: e.criterion_id, points: e.points, overrideReason: e.override_reason });
    entriesOf.set(e.scorecard_id, list);
  }
  const knownOf = new Map<ScoringFramework, Set<string>>();
  const updates: repo.RescoredCard[] = [];
  const entryRows: repo.ScorecardEntryValues[] = [];
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
    const scorecard = scoreScorecard(f, mine, fact);
    const rating = scorecard.complete ? scorecard.rating : null;
    const same =
      f.id === c.framework_id &&
      f.version === c.framework_version &&
      Math.abs(scorecard.total - c.total) < 1e-6 &&
      Math.abs(scorecard.percent - c.percent) < 1e-6 &&
      rating === c.rating;
    if (same) continue;
    updates.push({
      id: c.id,
      total: scorecard.total,
      applicableMax: scorecard.applicableMax,
      percent: scorecard.percent,
      rating,
      ratingReason: scorecard.complete ? storedText(scorecard.ratingReason) : null,
      frameworkId: f.id,
      frameworkVersion: f.version,
    });
    const entered = new Map(mine.map((e) => [e.criterionId, e.points]));
    for (const x of scorecard.criteria) {
      entryRows.push({
        scorecardId: c.id,
        criterionId: x.id,
        points: entered.get(x.id) ?? null,
        autoPoints: x.auto?.points ?? null,
        evidence: x.auto ? storedText(x.auto.evidence) : null,
        overrideReason: x.overrideReason,
      });
    }
  }
  if (!updates.length) return 0;
  await repo.updateScorecardsInBulk(q, updates);
  await repo.replaceScorecardEntries(
    q,
    updates.map((u) => u.id),
    entryRows,
  );
  // The cells' monthly ratings: a card's month is its meeting's year or, for a meeting held late, the one before.
  const changed = new Set(updates.map((u) => u.id));
  const yearsOf = new Map<string, Set<number>>();
  for (const c of cards.filter((x) => changed.has(x.id))) {
    const y = Number(String(c.planned_date).slice(0, 4));
    yearsOf.set(c.organization_id, new Set([...(yearsOf.get(c.organization_id) ?? []), y - 1, y]));
  }
  await refreshCells(
    q,
    [...yearsOf].map(([id, years]) => ({ id, years: [...years] })),
  );
  for (const [cellId, years] of yearsOf) await refreshFourGood(q, [cellId], [...years]);
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
  const node = await getVisibleNode(db, actor, organizationId);
  if (!can(actor, 'scorecard.rescore', { type: 'organization', path: node.path })) {
    throw new AppError('forbidden', message('scoring.rescore_forbidden'));
  }
  // Each cell's meetings together, so a chunk reads the facts of few cells (the year's absences per cell).
  const meetings = (await repo.listScoredMeetingsUnder(db, node.path, year)).map((id) => ({ id }));
  // Starting the job is what is audited (the re-score itself runs later, a short transaction per chunk): the
  // audit row is appended in a transaction of its own, as the chain expects, and is not held over the job. The
  // job's row, with its progress, lets any process answer its polling.
  const id = randomUUID();
  const row = await db.transaction(async (tx) => {
    await recordAudit(tx, {
      chain: node.province_id,
      actorAccountId: actor.accountId,
      action: 'scorecard.rescore',
      entity: 'organization',
      entityId: node.id,
      after: { year, meetings: meetings.length },
      ip: meta.ip,
    });
    return jobsRepo.insertRescoreJob(tx, {
      id,
      provinceId: node.province_id,
      organizationId: node.id,
      path: node.path,
      year,
      total: meetings.length,
      owner: processOwner,
    });
  });
  // Organisations under one parent share their framework assignments: resolve once per parent path, outside
  // the chunk's transaction (PGlite has one connection).
  const resolvers = new Map<string, Awaited<ReturnType<typeof frameworkResolver>>>();
  const parentOf = (path: string) => path.split('.').slice(0, -1).join('.');
  const prepare = async (ids: string[]) => {
    const paths = await repo.listPathsOfMeetings(db, ids);
    for (const path of paths) {
      if (!resolvers.has(parentOf(path))) resolvers.set(parentOf(path), await frameworkResolver(db, path));
    }
  };
  const frameworkFor = (m: { org_path: string; planned_date: string }) =>
    resolvers.get(parentOf(m.org_path))?.(m.planned_date) ?? null;
  void (async () => {
    const stopBeating = keepBeating('rescore', () => jobsRepo.beatRescoreJob(db, id, processOwner));
    let changed = 0;
    try {
      for (let i = 0; i < meetings.length; i += chunkSize) {
        const chunk = meetings.slice(i, i + chunkSize).map((m) => m.id);
        await prepare(chunk);
        changed += await db.transaction((tx) => rescoreMeetings(tx, chunk, frameworkFor));
        await jobsRepo.updateRescoreProgress(db, id, Math.min(meetings.length, i + chunk.length), changed);
      }
      await jobsRepo.finishRescoreJob(db, id, { status: 'done', error: null });
    } catch (e) {
      logger.error('rescore failed', { jobId: id, error: String(e) });
      await jobsRepo
        .finishRescoreJob(db, id, {
          status: 'failed',
          error: JSON.stringify(message('scoring.rescore_failed')),
        })
        .catch((e2: unknown) =>
          logger.error('rescore failure not recorded', { jobId: id, error: String(e2) }),
        );
    } finally {
      stopBeating();
    }
  })();
  return jobView(row);
}
