// Meeting-quality scoring: the framework governing a meeting, scorecards by the cell, the attending follower and
// supervision teams (pre-filled from facts, overrides only with a reason and audited), ratings over time,
// weak cells, inflated self-scores, and re-scoring after a framework change.
import type { z } from 'zod';
import type { saveScorecardBody } from '../../../contracts/scoring.ts';
import { fromStoredText, storedText } from '../../../domain/messages.ts';
import type { Actor } from '../../../domain/permissions.ts';
import {
  scorecardActionRefusal,
  scorecardActions,
  type ScorerKind,
  scoringActions,
} from '../../../domain/scorecard-actions.ts';
import {
  type CriterionEntry,
  ratingForPercent,
  scoreScorecard,
  submissionProblems,
  monthScorecards,
} from '../../../domain/scorecard.ts';
import { autoScores } from '../../../domain/scoring-facts.ts';
import type { Rating } from '../../../domain/scoring-schema.ts';
import { formatDateVi, todayIso } from '../../../domain/dates.ts';
import { message } from '../../../messages/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { isAllowed, iso, meetingViewer, requireAllowed, visibleMeeting } from '../meetings/meeting-access.ts';
import { getVisibleNode as visibleNode } from '../organizations/organizations.service.ts';
import { allFrameworks, frameworkResolver, frameworkView } from './frameworks.service.ts';
import { factsOfMeetings } from './scoring-facts.ts';
import * as summaries from '../summaries/summaries.service.ts';
import { refreshFourGood } from '../evaluation/four-good-summary.ts';
import * as repo from './scoring.repository.ts';

interface Meta {
  ip: string | null;
}

export async function meetingScores(db: Queryable, actor: Actor, meetingId: string) {
  const { meeting: m, access } = await visibleMeeting(db, actor, meetingId);
  const resolve = await frameworkResolver(db, m.org_path);
  const framework = resolve(m.planned_date);
  if (!framework) {
    throw new AppError(
      'invalid_state',
      message('scoring.no_framework_on', { date: formatDateVi(m.planned_date) }),
    );
  }
  const facts = (await factsOfMeetings(db, [m.id])).get(m.id)!;
  const auto = autoScores(framework, facts);
  const cards = await repo.listScorecards(db, m.id);
  const entries = await repo.listScorecardEntries(
    db,
    cards.map((c) => c.id),
  );
  const frameworks = await allFrameworks(db);
  // Whether the meeting can be scored now is the rule of meeting actions'; which kinds, the scorecard's permissions.
  const scorable = isAllowed(await meetingViewer(db, actor, m, access), m, 'score');
  const scorecards = cards
    // Drafts are the scorer's own business.
    .filter((c) => c.status === 'submitted' || c.scorer_account_id === actor.accountId)
    .map((c) => {
      const f =
        frameworks.find((x) => x.id === c.framework_id && x.version === c.framework_version) ?? framework;
      const scorecard = scoreScorecard(
        f,
        entries
          .filter((e) => e.scorecard_id === c.id)
          .map((e) => ({ criterionId: e.criterion_id, points: e.points, overrideReason: e.override_reason })),
        facts,
      );
      return {
        id: c.id,
        kind: c.scorer_kind,
        scorer: c.scorer_name,
        status: c.status,
        total: Number(c.total),
        applicableMax: Number(c.applicable_max),
        percent: Number(c.percent),
        rating: c.rating,
        ratingReason: fromStoredText(c.rating_reason),
        submittedAt: iso(c.submitted_at),
        criteria: scorecard.criteria.map((x) => ({
          id: x.id,
          points: x.points,
          auto: x.auto,
          applicable: x.applicable,
          overridden: x.overridden,
          overrideReason: x.overrideReason,
        })),
        mine: c.scorer_account_id === actor.accountId,
        actions: scorecardActions(actor, {
          path: m.org_path,
          kind: c.scorer_kind,
          status: c.status,
          mine: c.scorer_account_id === actor.accountId,
        }),
      };
    });
  const submitted = scorecards.filter((c) => c.status === 'submitted');
  const self = submitted.find((c) => c.kind === 'self');
  const outside = submitted.filter((c) => c.kind !== 'self');
  const outsideMean = outside.length ? outside.reduce((s, c) => s + c.percent, 0) / outside.length : null;
  return {
    meetingId: m.id,
    meetingStatus: m.status,
    framework: frameworkView(framework),
    automatic: [...auto.entries()].map(([id, a]) => ({ id, points: a.points, evidence: a.evidence })),
    scorecards,
    actions: scorable ? scoringActions(actor, { path: m.org_path }) : [],
    gap:
      self && outsideMean !== null
        ? { self: self.percent, outside: round2(outsideMean), difference: round2(self.percent - outsideMean) }
        : null,
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export async function saveScorecard(
  db: Database,
  actor: Actor,
  meetingId: string,
  kind: ScorerKind,
  input: z.infer<typeof saveScorecardBody>,
  meta: Meta,
) {
  return db.transaction(async (tx) => {
    const { meeting: m, access } = await visibleMeeting(tx, actor, meetingId, true);
    // A meeting is scored once it was held: the rule of meeting actions says so (422 before).
    requireAllowed(await meetingViewer(tx, actor, m, access), m, 'score');
    // The card is locked first: the rule judges it as it is (the right to score its kind, then a draft).
    const existing = await repo.lockOwnScorecard(tx, m.id, kind, actor.accountId);
    const refusal = scorecardActionRefusal(
      actor,
      { path: m.org_path, kind, status: existing?.status ?? null, mine: true },
      input.submit ? 'submit' : 'edit',
    );
    if (refusal) throw new AppError(refusal.error, refusal.message);
    const framework = (await frameworkResolver(tx, m.org_path))(m.planned_date);
    if (!framework) throw new AppError('invalid_state', message('scoring.no_framework'));
    const facts = (await factsOfMeetings(tx, [m.id])).get(m.id)!;
    const entries: CriterionEntry[] = input.entries.map((e) => ({
      criterionId: e.criterionId,
      points: e.points,
      overrideReason: e.overrideReason ?? null,
    }));
    const scorecard = scoreScorecard(framework, entries, facts);
    const problems = submissionProblems(scorecard, input.submit);
    if (problems.length) {
      throw new AppError(
        'validation_failed',
        problems[0]!,
        problems.map((p) => ({ path: 'entries', message: p })),
      );
    }
    const values: repo.ScorecardValues = {
      total: scorecard.total,
      applicableMax: scorecard.applicableMax,
      percent: scorecard.percent,
      rating: scorecard.complete ? scorecard.rating : null,
      ratingReason: scorecard.complete ? storedText(scorecard.ratingReason) : null,
      status: input.submit ? 'submitted' : 'draft',
      frameworkId: framework.id,
      frameworkVersion: framework.version,
      scorerAccountId: actor.accountId,
      scorerName: await repo.findScorerName(tx, actor.accountId),
    };
    const id =
      existing?.id ??
      (await repo.insertScorecard(
        tx,
        {
          provinceId: m.province_id,
          meetingId: m.id,
          organizationId: m.organization_id,
          kind,
          forMonth: m.for_month,
        },
        values,
      ));
    if (existing) await repo.updateScorecard(tx, id, values);
    await repo.replaceScorecardEntries(
      tx,
      [id],
      scorecard.criteria.map((c) => ({
        scorecardId: id,
        criterionId: c.id,
        points: entries.find((e) => e.criterionId === c.id)?.points ?? null,
        autoPoints: c.auto?.points ?? null,
        evidence: c.auto ? storedText(c.auto.evidence) : null,
        overrideReason: c.overrideReason,
      })),
    );
    const overrides = scorecard.criteria.filter((c) => c.overridden);
    await summaries.refreshCell(tx, m.organization_id, [summaries.yearOfMonth(m.for_month)]);
    // A self-scorecard's rating is a fact of the organisation's "bốn tốt".
    await refreshFourGood(tx, [m.organization_id], [summaries.yearOfMonth(m.for_month)]);
    await recordAudit(tx, {
      chain: m.province_id,
      actorAccountId: actor.accountId,
      action: input.submit ? 'scorecard.submit' : 'scorecard.save',
      entity: 'scorecard',
      entityId: id,
      after: {
        meetingId: m.id,
        kind,
        total: scorecard.total,
        percent: scorecard.percent,
        rating: scorecard.rating,
        // Every automatic value set aside, with the reason given: the audit trail of overrides.
        overrides: overrides.map((c) => ({
          criterion: c.id,
          auto: c.auto?.points,
          points: c.points,
          reason: c.overrideReason,
        })),
      },
      ip: meta.ip,
    });
    return {
      id,
      total: scorecard.total,
      percent: scorecard.percent,
      rating: scorecard.rating,
      complete: scorecard.complete,
    };
  });
}

/**
 * Ratings of every cell of a subtree over a year: the cell's own (submitted self-scores) month by month, quarter
 * and year; outside scores beside them; cells rated average or poor two months running; and cells whose
 * self-score exceeds the outside scores by `margin` points in two or more meetings. The cells come a page at a
 * time (by name); the distribution and gaps are the whole subtree's, read from the summaries the writes keep.
 */
export async function ratingsOverview(
  db: Queryable,
  actor: Actor,
  organizationId: string,
  year: number,
  margin: number,
  page: summaries.Page,
) {
  const node = await visibleNode(db, actor, organizationId);
  const { cells, nextCursor, cellCount } = await summaries.cellsPage(db, node.path, page);
  const rows = await repo.listSubmittedRegularScores(
    db,
    cells.map((c) => c.id),
    year,
  );
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`).filter(
    (mo) => mo <= todayIso().slice(0, 7),
  );
  // Bands come from the framework each card was scored under (a province may use its own).
  const frameworks = await allFrameworks(db);
  const bandsOf = (percent: number, r: { framework_id: string; framework_version: number }): Rating => {
    const f =
      frameworks.find((x) => x.id === r.framework_id && x.version === r.framework_version) ??
      frameworks.find((x) => x.id === r.framework_id)!;
    return ratingForPercent(f, percent);
  };
  const byCell = new Map<string, typeof rows>();
  for (const r of rows) byCell.set(r.organization_id, [...(byCell.get(r.organization_id) ?? []), r]);
  const out = cells.map((c) => {
    const mine = byCell.get(c.id) ?? [];
    const perMonth = months.map((month) => {
      const inMonth = mine.filter((r) => r.for_month === month);
      const { self, outside, outsidePercent } = monthScorecards(inMonth);
      return {
        month,
        meetingId: (self ?? outside[0])?.meeting_id ?? null,
        self: self
          ? { percent: round2(self.percent), rating: self.rating ?? bandsOf(self.percent, self) }
          : null,
        outside:
          outsidePercent !== null
            ? {
                percent: round2(outsidePercent),
                rating: bandsOf(outsidePercent, outside[0]!),
                count: outside.length,
              }
            : null,
      };
    });
    const weak: string[] = [];
    for (let i = 1; i < perMonth.length; i++) {
      const low = (r: Rating | undefined) => r === 'average' || r === 'poor';
      if (low(perMonth[i - 1]!.self?.rating) && low(perMonth[i]!.self?.rating)) weak.push(perMonth[i]!.month);
    }
    const gaps = perMonth.filter((p) => p.self && p.outside).map((p) => p.self!.percent - p.outside!.percent);
    const inflatedMeetings = gaps.filter((g) => g >= margin).length;
    const mean = (xs: number[]) => (xs.length ? round2(xs.reduce((a, b) => a + b, 0) / xs.length) : null);
    const selfCards = mine.filter((r) => r.scorer_kind === 'self');
    const period = (inPeriod: (month: string) => boolean) => {
      const cards = selfCards.filter((r) => inPeriod(r.for_month));
      const percent = mean(cards.map((r) => r.percent));
      // An average is rated under the framework of the period's last card.
      const last = cards.reduce<(typeof cards)[number] | null>(
        (a, r) => (!a || r.for_month > a.for_month ? r : a),
        null,
      );
      return { percent, rating: percent === null || !last ? null : bandsOf(percent, last) };
    };
    const quarters = [1, 2, 3, 4].map((q) => ({
      quarter: q,
      ...period((m) => months.includes(m) && Math.ceil(Number(m.slice(5)) / 3) === q),
    }));
    const yearRating = period((m) => months.includes(m));
    return {
      id: c.id,
      name: c.name,
      months: perMonth,
      quarters,
      year: yearRating,
      weak,
      inflated: inflatedMeetings >= 2,
      inflatedMeetings,
      meanGap: mean(gaps),
    };
  });
  return {
    year,
    margin,
    months,
    cellCount,
    nextCursor,
    cells: out,
    ...(await summaries.ratingTotals(db, node, year, months)),
  };
}
