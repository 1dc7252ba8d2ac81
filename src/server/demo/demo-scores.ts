// Meeting-quality scorecards for the demo history: the province puts the HD 12 provincial framework in force from
// its 2021 rule (the national HD 42 framework governs by itself from 28/10/2025); every adopted regular meeting
// gets the cell's own submitted self-score, about three in ten a score by the attending follower and a few one by
// a supervision team. Scores come from the real engine: facts read in bulk, automatic criteria left to stand
// (a few set aside with a reason), manual criteria mostly full. About one cell in ten inflates its self-scores,
// so the ratings page has inflated cells to show.
//
// Reads the meetings already written and writes each table with a few `INSERT … SELECT FROM unnest(…)`
// statements. Same seed and data, same rows.

import { type CriterionEntry, scoreScorecard } from '../../domain/scorecard.ts';
import { autoScores } from '../../domain/scoring-facts.ts';
import {
  frameworkScoresKind,
  governingFramework,
  type FactSource,
  type ScoringCriterion,
  type ScoringFramework,
  type ScoringFrameworkAssignment,
} from '../../domain/scoring-schema.ts';
import { storedText } from '../../domain/messages.ts';
import { builtInScoringFrameworks } from '../../domain/scoring-frameworks.ts';
import type { Tx } from '../platform/db.ts';
import { canCopy, copyColumns } from './bulk-copy.ts';
import { factsOfMeetings } from '../features/scoring/scoring-facts.ts';
import { Random } from './random.ts';

/** The provincial framework assignment: from the province's 2021 local rule until HD 42 took over. */
export const demoScoringFrameworkId = 'hd12-provincial-2018';
export const demoScoringFrom = '2021-10-14';
const demoScoringRef = 'Quyết định của Ban Thường vụ Tỉnh ủy Sơn Hà (dữ liệu mẫu)';

const demoSecretaryPhone = '0900000002';
const cellScorerName = 'Chi ủy chi bộ';
const followerScorerName = 'Đảng ủy viên phụ trách';
const supervisionScorerName = 'Đoàn kiểm tra, giám sát của cấp ủy cấp trên';

/** Share of cells whose self-scores are always full on the manual criteria. */
const inflaterShare = 0.1;
/** Share of cells that go through a bad spell of a few months, so the ratings page has weak cells to show. */
const weakShare = 0.03;
const followerShare = 0.3;
/** The demo follower attends the cells they follow more often, so their account has scorecards to show. */
const demoFollowerShare = 0.6;
/** The follower keeps a closer eye on a cell that scores itself generously. */
const inflaterFollowerShare = 0.5;
const supervisionShare = 0.04;
const overrideShare = 0.03;

/** Why a cell sets an automatic value aside (raising it), by the fact the value comes from. */
const overrideReasons: Partial<Record<FactSource, readonly string[]>> = {
  duration: [
    'Biên bản ghi giờ kết thúc chưa tính phần sinh hoạt tư tưởng đầu buổi',
    'Thư ký ghi nhầm giờ kết thúc; thời gian thực tế đủ theo quy định',
  ],
  attendance: [
    'Đồng chí vắng mặt đã báo cáo lý do với bí thư trước buổi họp nhưng chưa được ghi vào sổ',
    'Đảng viên được miễn sinh hoạt nhưng quyết định miễn chưa cập nhật trên ứng dụng',
  ],
  preparatory_minuted: ['Chi ủy họp chuẩn bị trực tiếp, biên bản ghi trong sổ giấy của chi ủy'],
  notice_sent: ['Thông báo triệu tập đã gửi qua nhóm Zalo của chi bộ và niêm yết tại nhà văn hóa'],
  materials_lead: ['Tài liệu đã gửi bản giấy cho đảng viên cao tuổi trước 2 ngày'],
  speakers_share: ['Một số đảng viên phát biểu trong phần thảo luận nhưng thư ký chưa ghi tên vào biên bản'],
  minutes_complete: ['Biên bản đã được bổ sung đầy đủ ý kiến thảo luận sau buổi họp'],
  previous_achievement: ['Một số nhiệm vụ đã hoàn thành nhưng người được giao chưa cập nhật trên ứng dụng'],
  finalised_in_time: ['Văn bản hoàn thiện đúng hạn, đưa lên ứng dụng chậm do mất kết nối mạng'],
};

interface MeetingRow {
  id: string;
  organization_id: string;
  kind: string;
  for_month: string;
  planned_date: string;
  adopted_ms: number;
}

interface CellProfile {
  inflater: boolean;
  /** chance that a manual criterion is scored full */
  quality: number;
  /** the months of a bad spell (a new secretary finding their feet): manual criteria scored low */
  spell: ReadonlySet<string>;
}

// ---------------------------------------------------------------------------------------------------------
// Writing: column-wise rows, one INSERT … SELECT FROM unnest per chunk

class Columns {
  private readonly data: unknown[][];
  rows = 0;

  constructor(
    private readonly table: string,
    private readonly columns: ReadonlyArray<readonly [string, string]>,
  ) {
    this.data = columns.map(() => []);
  }

  add(values: unknown[]): void {
    for (let i = 0; i < values.length; i++) this.data[i]!.push(values[i] ?? null);
    this.rows++;
  }

  private clear(): void {
    this.rows = 0;
    for (const col of this.data) col.length = 0;
  }

  /** Writes the rows held so far and forgets them. Instants (timestamptz) come as epoch milliseconds. */
  async write(tx: Tx, chunk: number): Promise<void> {
    if (canCopy(tx)) {
      await copyColumns(tx, this.table, this.columns, this.data, this.rows);
      this.clear();
      return;
    }
    const casts = this.columns
      .map(([, t], i) => `$${i + 1}::${t === 'timestamptz' ? 'float8' : t}[]`)
      .join(',');
    const exprs = this.columns.map(([, t], i) =>
      t === 'timestamptz' ? `to_timestamp(c${i} / 1000)` : `c${i}`,
    );
    const sql =
      `INSERT INTO ${this.table} (${this.columns.map(([n]) => n).join(',')}) ` +
      `SELECT ${exprs.join(',')} FROM unnest(${casts}) AS u(${this.columns.map((_, i) => `c${i}`).join(',')})`;
    for (let from = 0; from < this.rows; from += chunk) {
      await tx.query(
        sql,
        this.data.map((col) => col.slice(from, from + chunk)),
      );
    }
    this.clear();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Scoring

/** The values a scorer may give a criterion, highest first. */
function allowedValues(c: ScoringCriterion): number[] {
  const values =
    c.type === 'toggle'
      ? [c.max, 0]
      : c.type === 'levels'
        ? (c.levels ?? []).map((l) => l.points)
        : c.type === 'ratio_bands'
          ? [...(c.bands ?? []).map((b) => b.points), 0]
          : Array.from({ length: Math.floor(c.max) + 1 }, (_, i) => c.max - i);
  return [...new Set(values)].sort((a, b) => b - a);
}

const below = (values: readonly number[], v: number) => values.find((x) => x < v - 1e-9) ?? null;
const above = (values: readonly number[], v: number) =>
  [...values].reverse().find((x) => x > v + 1e-9) ?? null;

interface PreparedFramework {
  framework: ScoringFramework;
  criteria: Array<{ c: ScoringCriterion; values: number[] }>;
}

function prepare(f: ScoringFramework): PreparedFramework {
  return {
    framework: f,
    criteria: f.groups.flatMap((g) => g.criteria.map((c) => ({ c, values: allowedValues(c) }))),
  };
}

/**
 * Lowers manual values (in place) by about `points`, one step at a time on random criteria; a toggle only
 * when the deduction still left is at least its maximum.
 */
function deduct(
  rng: Random,
  manual: Map<string, number>,
  valuesOf: Map<string, number[]>,
  points: number,
): void {
  let left = points;
  for (let guard = 0; left > 0.5 && guard < 200; guard++) {
    const candidates = [...manual.entries()].filter(([id, v]) => {
      const next = below(valuesOf.get(id)!, v);
      return next !== null && v - next <= Math.max(left, 1) + 1e-9;
    });
    if (!candidates.length) break;
    const [id, v] = rng.pick(candidates);
    const next = below(valuesOf.get(id)!, v)!;
    manual.set(id, next);
    left -= v - next;
  }
}

export async function createDemoScores(
  tx: Tx,
  opts: { today: string; seed: number; provinceId: string; progress?: (message: string) => void },
): Promise<{ scorecards: number }> {
  const { today, provinceId } = opts;
  const root = new Random(opts.seed, 'chi-bo-so demo scores');
  const cellRng = root.fork('cells');
  const cardRng = root.fork('cards');

  await tx.query(
    `INSERT INTO scoring_framework_assignment (province_id, organization_id, framework_id, effective_from, document_ref)
     VALUES ($1, $1, $2, $3, $4) ON CONFLICT (organization_id, effective_from) DO NOTHING`,
    [provinceId, demoScoringFrameworkId, demoScoringFrom, demoScoringRef],
  );
  const assignments: ScoringFrameworkAssignment[] = [
    { frameworkId: demoScoringFrameworkId, effectiveFrom: demoScoringFrom, depth: 0 },
  ];
  const prepared = new Map<ScoringFramework, PreparedFramework>();
  const byDate = new Map<string, PreparedFramework | null>();
  const frameworkOn = (date: string): PreparedFramework | null => {
    let p = byDate.get(date);
    if (p === undefined) {
      const f = governingFramework(builtInScoringFrameworks, assignments, date)?.framework ?? null;
      if (f && !prepared.has(f)) prepared.set(f, prepare(f));
      p = f ? prepared.get(f)! : null;
      byDate.set(date, p);
    }
    return p;
  };

  const meetings = await tx.query<MeetingRow>(
    `SELECT id, organization_id, kind, for_month, planned_date,
            extract(epoch FROM adopted_at)::float8 * 1000 AS adopted_ms
       FROM meeting
      WHERE province_id = $1 AND status = 'adopted' AND kind IN ('regular', 'regular_thematic')
      ORDER BY organization_id, planned_date, id`,
    [provinceId],
  );
  const [secretary] = await tx.query<{ account_id: string; display_name: string; organization_id: string }>(
    `SELECT a.id AS account_id, a.display_name, ms.organization_id
       FROM member m JOIN account a ON a.member_id = m.id
       JOIN membership ms ON ms.member_id = m.id AND ms.kind = 'official' AND ms.valid_to IS NULL
      WHERE m.province_id = $1 AND m.phone = $2
      LIMIT 1`,
    [provinceId, demoSecretaryPhone],
  );
  const followers = new Map(
    (
      await tx.query<{
        organization_id: string;
        account_id: string;
        display_name: string;
        valid_from: string;
      }>(
        `SELECT r.organization_id, r.account_id, a.display_name, r.valid_from
           FROM role_assignment r JOIN account a ON a.id = r.account_id
          WHERE r.province_id = $1 AND r.role = 'follower'
          ORDER BY r.organization_id, r.valid_from`,
        [provinceId],
      )
    ).map((r) => [r.organization_id, r]),
  );

  // Each cell's habits, drawn in the order of its id; the demo secretary's cell scores itself honestly.
  const cellIds = [...new Set(meetings.map((m) => m.organization_id))];
  const inflaters = new Set(
    cellRng.sample(
      cellIds.filter((id) => id !== secretary?.organization_id),
      Math.max(1, Math.round(cellIds.length * inflaterShare)),
    ),
  );
  const weak = new Set(
    cellRng.sample(
      cellIds.filter((id) => id !== secretary?.organization_id && !inflaters.has(id)),
      Math.max(1, Math.round(cellIds.length * weakShare)),
    ),
  );
  const monthsOf = new Map<string, string[]>();
  for (const m of meetings)
    monthsOf.set(m.organization_id, [...(monthsOf.get(m.organization_id) ?? []), m.for_month]);
  const profiles = new Map<string, CellProfile>();
  for (const id of cellIds) {
    const months = monthsOf.get(id)!;
    const start = cellRng.int(0, Math.max(0, months.length - 3));
    profiles.set(id, {
      inflater: inflaters.has(id),
      quality: 0.7 + cellRng.next() * 0.27,
      spell: new Set(weak.has(id) ? months.slice(start, start + cellRng.int(2, 4)) : []),
    });
  }

  const cards = new Columns('scorecard', [
    ['id', 'uuid'],
    ['province_id', 'uuid'],
    ['meeting_id', 'uuid'],
    ['organization_id', 'uuid'],
    ['scorer_kind', 'text'],
    ['scorer_account_id', 'uuid'],
    ['scorer_name', 'text'],
    ['framework_id', 'text'],
    ['framework_version', 'int'],
    ['status', 'text'],
    ['total', 'numeric'],
    ['applicable_max', 'numeric'],
    ['percent', 'numeric'],
    ['rating', 'text'],
    ['rating_reason', 'text'],
    ['for_month', 'text'],
    ['submitted_at', 'timestamptz'],
    ['updated_at', 'timestamptz'],
  ]);
  const entries = new Columns('scorecard_entry', [
    ['scorecard_id', 'uuid'],
    ['criterion_id', 'text'],
    ['points', 'numeric'],
    ['auto_points', 'numeric'],
    ['evidence', 'text'],
    ['override_reason', 'text'],
  ]);
  // Scorecards are submitted after the meeting and by the evening before the demo's today (history ends there).
  const hour = 3_600_000;
  const latest = Date.parse(`${today}T00:00:00+07:00`) - hour;

  const writeCard = (
    m: MeetingRow,
    p: PreparedFramework,
    facts: Parameters<typeof scoreScorecard>[2],
    kind: 'self' | 'follower' | 'supervision',
    scorer: { accountId: string | null; name: string },
    scorerEntries: CriterionEntry[],
    submittedAfterHours: number,
  ) => {
    const scorecard = scoreScorecard(p.framework, scorerEntries, facts);
    if (scorecard.problems.length || !scorecard.complete) {
      throw new Error(
        `createDemoScores: ${kind} scorecard of meeting ${m.id} not valid: ${[...scorecard.problems, ...scorecard.missing].join('; ')}`,
      );
    }
    const id = cardRng.uuid();
    const at = Math.max(m.adopted_ms + 60_000, Math.min(latest, m.adopted_ms + submittedAfterHours * hour));
    cards.add([
      id,
      provinceId,
      m.id,
      m.organization_id,
      kind,
      scorer.accountId,
      scorer.name,
      p.framework.id,
      p.framework.version,
      'submitted',
      scorecard.total,
      scorecard.applicableMax,
      scorecard.percent,
      scorecard.rating,
      storedText(scorecard.ratingReason),
      m.for_month,
      at,
      at,
    ]);
    const entered = new Map(scorerEntries.map((e) => [e.criterionId, e]));
    for (const c of scorecard.criteria) {
      entries.add([
        id,
        c.id,
        entered.get(c.id)?.points ?? null,
        c.auto?.points ?? null,
        c.auto ? storedText(c.auto.evidence) : null,
        c.overrideReason,
      ]);
    }
  };

  const chunkSize = 1000;
  let scorecards = 0;
  for (let from = 0; from < meetings.length; from += chunkSize) {
    const chunk = meetings.slice(from, from + chunkSize);
    const facts = await factsOfMeetings(
      tx,
      chunk.map((m) => m.id),
    );
    for (const m of chunk) {
      const p = frameworkOn(m.planned_date);
      const fact = facts.get(m.id);
      if (!p || !fact || !frameworkScoresKind(p.framework, m.kind as 'regular')) continue;
      const profile = profiles.get(m.organization_id)!;
      const autos = autoScores(p.framework, fact);
      const valuesOf = new Map(p.criteria.map((x) => [x.c.id, x.values]));
      const applicable = p.criteria.filter((x) => x.c.appliesWhen !== 'thematic' || fact.thematic);

      // Manual criteria (and automatic ones the facts leave open): full, or one step below.
      const manual = new Map<string, number>();
      const poor = profile.spell.has(m.for_month);
      for (const { c, values } of applicable) {
        if (autos.has(c.id)) continue;
        if (poor) {
          // A poor meeting: each manual criterion at a quarter to a half of its maximum, at best.
          const target = c.max * (0.2 + cardRng.next() * 0.3);
          manual.set(c.id, values.find((v) => v <= target + 1e-9) ?? values.at(-1)!);
          continue;
        }
        const fullChance = c.type === 'toggle' ? 1 - (1 - profile.quality) / 3 : profile.quality;
        const full = values[0]!;
        manual.set(
          c.id,
          profile.inflater || cardRng.chance(fullChance) ? full : (below(values, full) ?? full),
        );
      }
      // Now and then the cell sets an automatic value aside, with its reason; outside scorers accept it.
      const overrides: CriterionEntry[] = [];
      if (cardRng.chance(overrideShare)) {
        const raisable = applicable.filter(
          ({ c, values }) =>
            c.source &&
            overrideReasons[c.source] &&
            autos.has(c.id) &&
            above(values, autos.get(c.id)!.points) !== null,
        );
        if (raisable.length) {
          const { c, values } = cardRng.pick(raisable);
          overrides.push({
            criterionId: c.id,
            points: above(values, autos.get(c.id)!.points),
            overrideReason: cardRng.pick(overrideReasons[c.source!]!),
          });
        }
      }
      const entriesOf = (values: Map<string, number>): CriterionEntry[] => [
        ...[...values].map(([criterionId, points]) => ({ criterionId, points })),
        ...overrides,
      ];

      const isDemoCell = secretary?.organization_id === m.organization_id;
      writeCard(
        m,
        p,
        fact,
        'self',
        isDemoCell
          ? { accountId: secretary.account_id, name: secretary.display_name }
          : { accountId: null, name: cellScorerName },
        entriesOf(manual),
        cardRng.int(2, 72),
      );

      const follower = followers.get(m.organization_id);
      const demoFollower = follower && follower.valid_from <= m.planned_date ? follower : null;
      const share = demoFollower
        ? demoFollowerShare
        : profile.inflater
          ? inflaterFollowerShare
          : followerShare;
      if (cardRng.chance(share)) {
        const outside = new Map(manual);
        deduct(cardRng, outside, valuesOf, profile.inflater ? cardRng.int(11, 18) : cardRng.int(2, 8));
        writeCard(
          m,
          p,
          fact,
          'follower',
          demoFollower
            ? { accountId: demoFollower.account_id, name: demoFollower.display_name }
            : { accountId: null, name: followerScorerName },
          entriesOf(outside),
          cardRng.int(12, 24 * 7),
        );
      }
      if (cardRng.chance(supervisionShare)) {
        const outside = new Map(manual);
        deduct(cardRng, outside, valuesOf, profile.inflater ? cardRng.int(12, 20) : cardRng.int(3, 9));
        writeCard(
          m,
          p,
          fact,
          'supervision',
          { accountId: null, name: supervisionScorerName },
          entriesOf(outside),
          cardRng.int(24 * 3, 24 * 20),
        );
      }
    }

    // Written every few hundred thousand entries, so a province-sized demo never holds all its scorecards.
    if (entries.rows >= 200_000 || from + chunkSize >= meetings.length) {
      scorecards += cards.rows;
      await cards.write(tx, 5_000);
      await entries.write(tx, 20_000);
      opts.progress?.(
        `chấm điểm: ${Math.min(from + chunkSize, meetings.length)}/${meetings.length} cuộc họp`,
      );
    }
  }
  return { scorecards };
}
