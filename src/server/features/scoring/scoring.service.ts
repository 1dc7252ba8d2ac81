// Meeting-quality scoring: the framework governing a meeting, scorecards by the cell, the attending follower and
// supervision teams (pre-filled from facts, overrides only with a reason and audited), ratings over time,
// weak cells, inflated self-scores, and re-scoring after a framework change.
import type { z } from 'zod';
import type { assignFrameworkBody, saveScorecardBody } from '../../../contracts/scoring.ts';
import { fromStoredText, storedText } from '../../../domain/messages.ts';
import { documentLabel } from '../../../domain/meeting-rules.ts';
import { type Actor, can, covers } from '../../../domain/permissions.ts';
import {
  autoScores,
  type CriterionEntry,
  governingFramework,
  parseScoringFramework,
  type Rating,
  type ScoringFramework,
  ratingForPercent,
  scoreSheet,
  submissionProblems,
} from '../../../domain/scoring.ts';
import { builtInScoringFrameworks } from '../../../domain/scoring-frameworks.ts';
import { labelToId, pathLabel } from '../../../domain/tree.ts';
import { formatDateVi, todayIso } from '../../../domain/dates.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { iso, visibleMeeting } from '../meetings/meeting-access.ts';
import { factsOfMeetings } from './scoring-facts.ts';
import { getVisibleNode as visibleNode } from '../organizations/organizations.service.ts';

interface Meta {
  ip: string | null;
}

/** Built-in frameworks and those loaded by administrators. */
export async function allFrameworks(q: Queryable): Promise<ScoringFramework[]> {
  const rows = await q.query<{ definition: unknown }>('SELECT definition FROM scoring_framework');
  const loaded = rows.flatMap((r) => {
    const parsed = parseScoringFramework(r.definition);
    return parsed.ok ? [parsed.framework] : [];
  });
  return [...builtInScoringFrameworks, ...loaded];
}

/** Answers "which framework governs here on this date" for an organisation's chain, loading assignments once. */
export async function frameworkResolver(q: Queryable, path: string) {
  const chain = path.split('.').map(labelToId);
  const [frameworks, rows] = await Promise.all([
    allFrameworks(q),
    q.query<{ organization_id: string; framework_id: string; effective_from: string }>(
      `SELECT organization_id, framework_id, effective_from FROM scoring_framework_assignment
        WHERE organization_id = ANY($1::uuid[])`,
      [chain],
    ),
  ]);
  const depthOf = new Map(chain.map((id, i) => [id, i]));
  const assignments = rows.map((r) => ({
    frameworkId: r.framework_id,
    effectiveFrom: r.effective_from,
    depth: depthOf.get(r.organization_id)!,
  }));
  return (date: string) => governingFramework(frameworks, assignments, date)?.framework ?? null;
}

function frameworkView(f: ScoringFramework) {
  return {
    id: f.id,
    version: f.version,
    title: f.title,
    document: f.document ? documentLabel(f.document as Parameters<typeof documentLabel>[0]) : null,
    note: f.note ?? null,
    total: f.total,
    groups: f.groups.map((g) => ({
      id: g.id,
      title: g.title,
      max: g.max,
      criteria: g.criteria.map((c) => ({
        id: c.id,
        title: c.title,
        max: c.max,
        type: c.type,
        options:
          c.type === 'levels'
            ? (c.levels ?? []).map((l) => ({ points: l.points, label: l.label }))
            : c.type === 'toggle'
              ? [
                  { points: c.max, label: 'Đạt' },
                  { points: 0, label: 'Không đạt' },
                ]
              : c.type === 'ratio_bands'
                ? (c.bands ?? []).map((b) => ({
                    points: b.points,
                    label: `≥ ${Math.round(b.minRatio * 100)}%`,
                  }))
                : [],
        automatic: !!c.source,
        appliesWhen: c.appliesWhen ?? null,
        bonus: !!c.bonus,
      })),
    })),
    mandatoryFullMarks: f.ratings.mandatoryFullMarks,
    definition: f as unknown as Record<string, unknown>,
  };
}

type ScorerKind = 'self' | 'follower' | 'supervision';

/** What kinds of scorecard the actor may fill in for a meeting of an organisation at `path`. */
function scorerKinds(actor: Actor, path: string): ScorerKind[] {
  const resource = { type: 'organization' as const, path };
  const out: ScorerKind[] = [];
  if (can(actor, 'meeting.manage', resource)) out.push('self');
  const own = path.split('.').at(-1);
  // The follower assigned to the cell (or to a subtree holding it), and committee members above it.
  if (
    actor.scopes.some(
      (s) =>
        covers(s, path) &&
        (s.role === 'follower' || (s.role === 'committee' && pathLabel(s.organizationId) !== own)),
    )
  ) {
    out.push('follower');
  }
  // Supervision teams act for an upper committee or the organisation board.
  if (can(actor, 'topic.review', resource) && !can(actor, 'meeting.manage', resource))
    out.push('supervision');
  return out;
}

interface ScorecardRow {
  id: string;
  scorer_kind: ScorerKind;
  scorer_account_id: string | null;
  scorer_name: string;
  framework_id: string;
  framework_version: number;
  status: 'draft' | 'submitted';
  total: number;
  applicable_max: number;
  percent: number;
  rating: Rating | null;
  rating_reason: string | null;
  submitted_at: Date | null;
}

export async function meetingScores(db: Database, actor: Actor, meetingId: string) {
  const { meeting: m } = await visibleMeeting(db, actor, meetingId);
  const resolve = await frameworkResolver(db, m.org_path);
  const framework = resolve(m.planned_date);
  if (!framework) {
    throw new AppError(
      'invalid_state',
      `Chưa có khung tiêu chí chấm điểm áp dụng ngày ${formatDateVi(m.planned_date)}`,
    );
  }
  const facts = (await factsOfMeetings(db, [m.id])).get(m.id)!;
  const auto = autoScores(framework, facts);
  const cards = await db.query<ScorecardRow>(
    `SELECT id, scorer_kind, scorer_account_id, scorer_name, framework_id, framework_version, status, total,
            applicable_max, percent, rating, rating_reason, submitted_at
       FROM scorecard WHERE meeting_id = $1 ORDER BY scorer_kind DESC, submitted_at NULLS LAST`,
    [m.id],
  );
  const entries = cards.length
    ? await db.query<{
        scorecard_id: string;
        criterion_id: string;
        points: number | null;
        override_reason: string | null;
      }>(
        'SELECT scorecard_id, criterion_id, points, override_reason FROM scorecard_entry WHERE scorecard_id = ANY($1::uuid[])',
        [cards.map((c) => c.id)],
      )
    : [];
  const frameworks = await allFrameworks(db);
  const held = m.status === 'held' || m.status === 'adopted';
  const scorecards = cards
    // Drafts are the scorer's own business.
    .filter((c) => c.status === 'submitted' || c.scorer_account_id === actor.accountId)
    .map((c) => {
      const f =
        frameworks.find((x) => x.id === c.framework_id && x.version === c.framework_version) ?? framework;
      const sheet = scoreSheet(
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
        criteria: sheet.criteria.map((x) => ({
          id: x.id,
          points: x.points,
          auto: x.auto,
          applicable: x.applicable,
          overridden: x.overridden,
          overrideReason: x.overrideReason,
        })),
        mine: c.scorer_account_id === actor.accountId,
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
    canScore: held ? scorerKinds(actor, m.org_path) : [],
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
    const { meeting: m } = await visibleMeeting(tx, actor, meetingId, true);
    if (m.status !== 'held' && m.status !== 'adopted') {
      throw new AppError('invalid_state', 'Cuộc họp chưa diễn ra nên chưa chấm điểm được');
    }
    if (!scorerKinds(actor, m.org_path).includes(kind)) {
      throw new AppError(
        'forbidden',
        kind === 'self'
          ? 'Chỉ bí thư, phó bí thư chi bộ chấm điểm tự đánh giá'
          : kind === 'follower'
            ? 'Chỉ cấp ủy viên cấp trên phụ trách, theo dõi chi bộ chấm điểm này'
            : 'Chỉ đoàn kiểm tra, giám sát của cấp ủy cấp trên chấm điểm này',
      );
    }
    const framework = (await frameworkResolver(tx, m.org_path))(m.planned_date);
    if (!framework) throw new AppError('invalid_state', 'Chưa có khung tiêu chí chấm điểm áp dụng');
    const facts = (await factsOfMeetings(tx, [m.id])).get(m.id)!;
    const entries: CriterionEntry[] = input.entries.map((e) => ({
      criterionId: e.criterionId,
      points: e.points,
      overrideReason: e.overrideReason ?? null,
    }));
    const sheet = scoreSheet(framework, entries, facts);
    const problems = submissionProblems(sheet, input.submit);
    if (problems.length) {
      throw new AppError(
        'validation_failed',
        problems[0]!,
        problems.map((p) => ({ path: 'entries', message: p })),
      );
    }
    const [existing] = await tx.query<{ id: string; status: string }>(
      `SELECT id, status FROM scorecard WHERE meeting_id = $1 AND scorer_kind = $2
         AND (scorer_kind = 'self' OR scorer_account_id = $3) FOR UPDATE`,
      [m.id, kind, actor.accountId],
    );
    if (existing?.status === 'submitted') {
      throw new AppError('conflict', 'Phiếu chấm đã nộp, không sửa được');
    }
    const [account] = await tx.query<{ display_name: string }>(
      'SELECT display_name FROM account WHERE id = $1',
      [actor.accountId],
    );
    const values = [
      sheet.total,
      sheet.applicableMax,
      sheet.percent,
      sheet.complete ? sheet.rating : null,
      sheet.complete ? storedText(sheet.ratingReason) : null,
      input.submit ? 'submitted' : 'draft',
      framework.id,
      framework.version,
    ];
    let id = existing?.id;
    if (id) {
      await tx.query(
        `UPDATE scorecard SET total = $2, applicable_max = $3, percent = $4, rating = $5, rating_reason = $6,
           status = $7, framework_id = $8, framework_version = $9, updated_at = now(),
           submitted_at = CASE WHEN $7 = 'submitted' THEN now() END, scorer_account_id = $10, scorer_name = $11
         WHERE id = $1`,
        [id, ...values, actor.accountId, account?.display_name ?? ''],
      );
      await tx.query('DELETE FROM scorecard_entry WHERE scorecard_id = $1', [id]);
    } else {
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO scorecard (province_id, meeting_id, organization_id, scorer_kind, scorer_account_id, scorer_name,
           total, applicable_max, percent, rating, rating_reason, status, framework_id, framework_version, for_month,
           submitted_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15, CASE WHEN $12 = 'submitted' THEN now() END)
         RETURNING id`,
        [
          m.province_id,
          m.id,
          m.organization_id,
          kind,
          actor.accountId,
          account?.display_name ?? '',
          ...values,
          m.for_month,
        ],
      );
      id = row!.id;
    }
    for (const c of sheet.criteria) {
      const entered = entries.find((e) => e.criterionId === c.id);
      await tx.query(
        `INSERT INTO scorecard_entry (scorecard_id, criterion_id, points, auto_points, evidence, override_reason)
         VALUES ($1,$2,$3,$4,$5,$6)`,
        [
          id,
          c.id,
          entered?.points ?? null,
          c.auto?.points ?? null,
          c.auto ? storedText(c.auto.evidence) : null,
          c.overrideReason,
        ],
      );
    }
    const overrides = sheet.criteria.filter((c) => c.overridden);
    await recordAudit(tx, {
      chain: m.province_id,
      actorAccountId: actor.accountId,
      action: input.submit ? 'scorecard.submit' : 'scorecard.save',
      entity: 'scorecard',
      entityId: id,
      after: {
        meetingId: m.id,
        kind,
        total: sheet.total,
        percent: sheet.percent,
        rating: sheet.rating,
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
    return { id, total: sheet.total, percent: sheet.percent, rating: sheet.rating, complete: sheet.complete };
  });
}

/**
 * Ratings of every cell of a subtree over a year: the cell's own (submitted self-scores) month by month, quarter
 * and year; outside scores beside them; cells rated average or poor two months running; and cells whose
 * self-score exceeds the outside scores by `margin` points in two or more meetings.
 */
export async function ratingsOverview(
  db: Database,
  actor: Actor,
  organizationId: string,
  year: number,
  margin: number,
) {
  const node = await visibleNode(db, actor, organizationId);
  const cells = await db.query<{ id: string; name: string }>(
    `SELECT o.id, p.name FROM organization_period p JOIN organization o ON o.id = p.organization_id
      WHERE p.path <@ $1::ltree AND p.valid_to IS NULL AND o.valid_to IS NULL AND o.kind IN ('cell','grassroots_cell')
      ORDER BY p.name`,
    [node.path],
  );
  const rows = await db.query<{
    organization_id: string;
    meeting_id: string;
    for_month: string;
    scorer_kind: ScorerKind;
    percent: number;
    rating: Rating | null;
    framework_id: string;
    framework_version: number;
  }>(
    `SELECT s.organization_id, s.meeting_id, s.for_month, s.scorer_kind, s.percent::float AS percent, s.rating,
            s.framework_id, s.framework_version
       FROM scorecard s JOIN meeting m ON m.id = s.meeting_id
      WHERE s.organization_id = ANY($1::uuid[]) AND s.for_month LIKE $2 AND s.status = 'submitted'
        AND m.kind IN ('regular','regular_thematic')`,
    [cells.map((c) => c.id), `${year}-%`],
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
  const distribution = months.map((month) => ({ month, good: 0, fair: 0, average: 0, poor: 0 }));
  const gapSums = months.map((month) => ({ month, sum: 0, pairs: 0 }));
  const out = cells.map((c) => {
    const mine = byCell.get(c.id) ?? [];
    const perMonth = months.map((month) => {
      const inMonth = mine.filter((r) => r.for_month === month);
      const self = inMonth.find((r) => r.scorer_kind === 'self');
      const outside = inMonth.filter((r) => r.scorer_kind !== 'self');
      const outsidePercent = outside.length
        ? outside.reduce((s, r) => s + r.percent, 0) / outside.length
        : null;
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
    perMonth.forEach((p, i) => {
      if (p.self) distribution[i]![p.self.rating]++;
      if (p.self && p.outside) {
        gapSums[i]!.sum += p.self.percent - p.outside.percent;
        gapSums[i]!.pairs++;
      }
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
    cells: out,
    distribution,
    gapByMonth: gapSums.map((g) => ({
      month: g.month,
      meanGap: g.pairs ? round2(g.sum / g.pairs) : null,
      pairs: g.pairs,
    })),
  };
}

export async function listFrameworks(db: Database, actor: Actor, organizationId: string) {
  const node = await visibleNode(db, actor, organizationId);
  const frameworks = await allFrameworks(db);
  const governing = (await frameworkResolver(db, node.path))(todayIso());
  return {
    items: frameworks.map((f) => ({
      id: f.id,
      version: f.version,
      title: f.title,
      document: f.document ? documentLabel(f.document as Parameters<typeof documentLabel>[0]) : null,
      effectiveFrom: f.effectiveFrom,
      scope: f.scope,
      builtIn: builtInScoringFrameworks.includes(f),
    })),
    governing: governing ? { id: governing.id, version: governing.version, title: governing.title } : null,
  };
}

export async function assignFramework(
  db: Database,
  actor: Actor,
  organizationId: string,
  input: z.infer<typeof assignFrameworkBody>,
  meta: Meta,
) {
  return db.transaction(async (tx) => {
    const node = await visibleNode(tx, actor, organizationId);
    if (!can(actor, 'ruleSet.assign', { type: 'organization', path: node.path })) {
      throw new AppError(
        'forbidden',
        'Chỉ cấp ủy cấp trên hoặc Ban Tổ chức chọn khung chấm điểm cho tổ chức này',
      );
    }
    const framework = (await allFrameworks(tx)).find((f) => f.id === input.frameworkId);
    if (!framework) {
      throw new AppError('validation_failed', 'Không có khung tiêu chí này', [
        { path: 'frameworkId', message: 'Chọn một khung tiêu chí đã có' },
      ]);
    }
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO scoring_framework_assignment (province_id, organization_id, framework_id, effective_from, document_ref, created_by)
       VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
      [
        node.province_id,
        node.id,
        framework.id,
        input.effectiveFrom,
        input.documentRef ?? null,
        actor.accountId,
      ],
    );
    await recordAudit(tx, {
      chain: node.province_id,
      actorAccountId: actor.accountId,
      action: 'scoringFramework.assign',
      entity: 'scoring_framework_assignment',
      entityId: row!.id,
      after: { organizationId: node.id, ...input },
      ip: meta.ip,
    });
    return { id: row!.id };
  });
}

/** Loads a framework file (a province's own sheet); a file that breaks the schema is refused with every path. */
export async function loadFramework(db: Database, actor: Actor, definition: unknown, meta: Meta) {
  if (!actor.isSystemAdmin && !actor.scopes.some((s) => s.role === 'board_officer')) {
    throw new AppError('forbidden', 'Chỉ quản trị viên hoặc Ban Tổ chức nạp khung tiêu chí');
  }
  const parsed = parseScoringFramework(definition);
  if (!parsed.ok) {
    throw new AppError('validation_failed', 'Khung tiêu chí không đúng cấu trúc', parsed.problems);
  }
  const f = parsed.framework;
  if (builtInScoringFrameworks.some((b) => b.id === f.id)) {
    throw new AppError('conflict', 'Trùng mã với khung tiêu chí có sẵn', [
      { path: 'id', message: 'Đặt mã khác' },
    ]);
  }
  await db.transaction(async (tx) => {
    await tx.query(
      'INSERT INTO scoring_framework (id, version, definition, created_by) VALUES ($1,$2,$3,$4)',
      [f.id, f.version, JSON.stringify(definition), actor.accountId],
    );
    await recordAudit(tx, {
      chain: '',
      actorAccountId: actor.accountId,
      action: 'scoringFramework.load',
      entity: 'scoring_framework',
      entityId: `${f.id}@${f.version}`,
      after: { title: f.title },
      ip: meta.ip,
    });
  });
  return { id: f.id, version: f.version };
}
