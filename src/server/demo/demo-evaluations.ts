// The demo province's last completed annual review (kiểm điểm, đánh giá, xếp loại chất lượng, QĐ 366-QĐ/TW), of
// the year `demoEvaluationYear(today)` (2025 for a demo first started in 2026): every member still in a cell at
// the year's end and every cell has an announced evaluation (self-assessed in early December, proposed by the
// cell, decided by the grassroots committee, announced in December / January), a handful of reprimands that
// year, and "bốn tốt" entries where the app holds no facts (grassroots committees' political task and meeting
// quality). The next year's review is left not started.
//
// Levels are drawn (about 75% good, 12% excellent, 11% completed, 2% not completed) and then capped by what the
// recorded facts allow (`highestAllowedLevel` on the member's 2025 tasks, as the evaluation service reads them,
// and the discipline written here), so the evidence the page shows never contradicts the decision. The excellent
// quota holds in every grassroots organisation but one, which exceeded it with a recorded reason.
//
// Reads the data already written and writes each table with one `INSERT … SELECT FROM unnest(…)`. Same seed
// and data, same rows.

import { type EvaluationFacts, highestAllowedLevel, quotaCheck } from '../../domain/evaluation.ts';
import {
  evaluationRulesFor,
  type EvaluationRules,
  type EvaluationLevel,
  evaluationLevelLabel,
  evaluationLevelRank,
  evaluationLevels,
} from '../../domain/evaluation-rules.ts';
import type { FourGoodCriterion } from '../../domain/four-good.ts';
import { labelToId } from '../../domain/tree.ts';
import type { Tx } from '../platform/db.ts';
import { canCopy, copyColumns } from './bulk-copy.ts';
import { classifyTasks, type TaskFacts } from '../features/evaluation/evaluation-facts.ts';
import { Random, weightedTable } from './random.ts';

/**
 * The year of the demo's last completed review as of `today`: the review of a year is held in December and
 * announced by 20 January, so from 21 January it is last year's, before then the year before.
 */
export function demoEvaluationYear(today: string): number {
  const year = Number(today.slice(0, 4));
  return today > `${year}-01-20` ? year - 1 : year - 2;
}

const memberLevels = weightedTable<EvaluationLevel>([
  ['excellent', 12],
  ['good', 75],
  ['completed', 11],
  ['not_completed', 2],
]);
const cellLevels = weightedTable<EvaluationLevel>([
  ['excellent', 14],
  ['good', 76],
  ['completed', 10],
]);
/** Share of members who self-assess one level above what the cell then proposes. */
const selfHigherShare = 0.06;
const leaderPositions = ['secretary', 'deputy_secretary', 'standing_member', 'committee_member'];

const disciplineReasons = [
  'Vi phạm quy định về những điều đảng viên không được làm, vay mượn tiền không trả đúng hẹn gây dư luận xấu',
  'Thiếu trách nhiệm trong quản lý đất đai được giao, để xảy ra lấn chiếm hành lang giao thông',
  'Không gương mẫu chấp hành quy định về tổ chức việc cưới, việc tang ở nơi cư trú',
  'Vi phạm nguyên tắc tập trung dân chủ, tự ý quyết định việc thuộc thẩm quyền tập thể',
  'Tự ý bỏ sinh hoạt chi bộ ba tháng không có lý do',
];
const selfTexts: Record<EvaluationLevel, readonly string[]> = {
  excellent: [
    'Hoàn thành 100% nhiệm vụ được giao đúng tiến độ, nhiều nhiệm vụ vượt yêu cầu; gương mẫu, được quần chúng tín nhiệm.',
    'Chủ động đề xuất và thực hiện nhiều việc vượt yêu cầu; giữ gìn phẩm chất, đạo đức, lối sống.',
  ],
  good: [
    'Hoàn thành đúng hạn các nhiệm vụ chi bộ giao; tham gia sinh hoạt đầy đủ; chấp hành tốt chủ trương, chính sách.',
    'Giữ gìn phẩm chất chính trị, đạo đức, lối sống; hoàn thành tốt nhiệm vụ chuyên môn và nhiệm vụ đảng viên.',
    'Thực hiện nghiêm quy định về những điều đảng viên không được làm; hoàn thành các nhiệm vụ đúng tiến độ.',
  ],
  completed: [
    'Hoàn thành các nhiệm vụ được giao; có lúc chưa chủ động, một số việc còn chậm; cần tích cực hơn.',
    'Tham gia sinh hoạt chưa đều; hoàn thành nhiệm vụ nhưng chất lượng chưa cao.',
  ],
  not_completed: [
    'Còn nhiệm vụ được giao chưa hoàn thành; nhận thức được hạn chế và xin sửa chữa.',
    'Chưa hoàn thành một số nhiệm vụ chi bộ phân công; tham gia sinh hoạt chưa đầy đủ.',
  ],
};
const collectiveTexts = [
  'Chi bộ duy trì sinh hoạt thường kỳ, chuyên đề; lãnh đạo đảng viên hoàn thành nhiệm vụ chính trị của địa phương, đơn vị.',
  'Chi bộ đoàn kết, thống nhất; thực hiện nghiêm nguyên tắc tập trung dân chủ; nghị quyết tháng sát thực tế.',
];

interface Org {
  id: string;
  kind: string;
  path: string;
}

interface Subject {
  memberId: string | null;
  cellId: string;
  holderId: string;
  form: 'collective' | 'leader' | 'member';
  tasks: TaskFacts;
  unexcused: number;
  discipline: string[];
  blockers: string[];
  cap: EvaluationLevel;
  target: EvaluationLevel;
  level: EvaluationLevel;
  selfLevel: EvaluationLevel;
  proposedLevel: EvaluationLevel;
  points: number;
  exceeding: number;
  quotaDemoted: boolean;
  quotaReason: string | null;
}

// ---------------------------------------------------------------------------------------------------------
// Writing: column-wise rows, one INSERT … SELECT FROM unnest

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
  async write(tx: Tx): Promise<void> {
    if (this.rows === 0) return;
    if (canCopy(tx)) {
      await copyColumns(tx, this.table, this.columns, this.data, this.rows);
      this.clear();
      return;
    }
    const casts = this.columns
      .map(([, t], i) => `$${i + 1}::${t === 'timestamptz' ? 'float8' : t}[]`)
      .join(',');
    const exprs = this.columns.map(([, t], i) =>
      t === 'timestamptz' ? `to_timestamp(c${i} / 1000)` : t === 'jsonb' ? `c${i}::jsonb` : `c${i}`,
    );
    const sql =
      `INSERT INTO ${this.table} (${this.columns.map(([n]) => n).join(',')}) ` +
      `SELECT ${exprs.join(',')} FROM unnest(${casts.replaceAll('::jsonb[]', '::text[]')}) ` +
      `AS u(${this.columns.map((_, i) => `c${i}`).join(',')})`;
    await tx.query(sql, this.data);
    this.clear();
  }
}

// ---------------------------------------------------------------------------------------------------------

const hour = 3_600_000;
/** An instant on `date` between 7:30 and 17:00 Vietnam time, as epoch ms. */
function at(rng: Random, date: string): number {
  return Date.parse(`${date}T07:30:00+07:00`) + rng.int(0, 19) * hour * 0.5 + rng.int(0, 29) * 60_000;
}

function lower(a: EvaluationLevel, b: EvaluationLevel): EvaluationLevel {
  return evaluationLevelRank(a) >= evaluationLevelRank(b) ? a : b;
}

function factsOf(s: Subject, points: number, exceeding: number): EvaluationFacts {
  return {
    points,
    tasksTotal: s.tasks.total,
    tasksOnTime: s.tasks.onTime,
    tasksLate: s.tasks.late,
    tasksExceeding: exceeding,
    tasksNotDone: s.tasks.notDone,
    disqualifiers: s.discipline,
    excellentBlockers: s.blockers,
  };
}

/** Points in the band of a level (QĐ 366: ≥ 90, 70–< 90, 50–< 70, < 50), half points allowed. */
function pointsFor(rng: Random, level: EvaluationLevel): number {
  const [lo, hi] =
    level === 'excellent'
      ? [90, 98]
      : level === 'good'
        ? [72, 89]
        : level === 'completed'
          ? [55, 69]
          : [38, 49];
  return rng.int(lo * 2, hi * 2) / 2;
}

/** Tasks done beyond the requirement: at least 30% of the total for excellent, fewer otherwise. */
function exceedingFor(rng: Random, level: EvaluationLevel, tasks: TaskFacts): number {
  const done = tasks.onTime + tasks.late;
  if (tasks.total === 0) return 0;
  const need = Math.ceil(tasks.total * 0.3 - 1e-9);
  if (level === 'excellent')
    return Math.min(done, rng.int(need, Math.max(need, Math.ceil(tasks.total * 0.5))));
  return Math.min(done, rng.int(0, Math.max(0, need - 1)));
}

export async function createDemoEvaluations(
  tx: Tx,
  opts: { today: string; seed: number; provinceId: string },
): Promise<{ evaluations: number; disciplines: number; fourGoodEntries: number }> {
  const { provinceId } = opts;
  const evaluationYear = demoEvaluationYear(opts.today);
  const yearFrom = `${evaluationYear}-01-01`;
  const yearTo = `${evaluationYear}-12-31`;
  const rules: EvaluationRules = evaluationRulesFor(evaluationYear);
  const root = new Random(opts.seed, 'chi-bo-so demo evaluations');
  const levelRng = root.fork('levels');
  const timeRng = root.fork('times');
  const idRng = root.fork('ids');

  const orgs = await tx.query<Org>(
    `SELECT o.id, o.kind, p.path::text AS path FROM organization o
       JOIN organization_period p ON p.organization_id = o.id AND p.valid_to IS NULL
      WHERE o.province_id = $1 AND o.valid_to IS NULL ORDER BY p.path`,
    [provinceId],
  );
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  const holderOf = (o: Org): string => {
    const ids = o.path.split('.').map(labelToId);
    for (let i = ids.length - 1; i >= 0; i--) {
      const k = orgById.get(ids[i]!)?.kind;
      if (k === 'grassroots_committee' || k === 'grassroots_cell') return ids[i]!;
    }
    return ids[ids.length - 2] ?? o.id;
  };
  const cells = orgs.filter((o) => o.kind === 'cell' || o.kind === 'grassroots_cell');
  const cellIds = cells.map((c) => c.id);

  // Members in a current cell at the year's end (their last official membership of the year).
  const members = await tx.query<{ member_id: string; organization_id: string; leader: boolean }>(
    `SELECT DISTINCT ON (ms.member_id) ms.member_id, ms.organization_id,
            EXISTS (SELECT 1 FROM position po WHERE po.member_id = ms.member_id AND po.kind = ANY($4::text[])
                      AND po.valid_from <= $3 AND (po.valid_to IS NULL OR po.valid_to > $3)) AS leader
       FROM membership ms JOIN member m ON m.id = ms.member_id
      WHERE ms.organization_id = ANY($1::uuid[]) AND ms.kind = 'official'
        AND ms.valid_from <= $3 AND (ms.valid_to IS NULL OR ms.valid_to > $3 OR
             (m.lifecycle = 'active' AND ms.valid_to > $2))
      ORDER BY ms.member_id, ms.valid_from DESC`,
    [cellIds, yearFrom, yearTo, leaderPositions],
  );
  members.sort((a, b) => (a.member_id < b.member_id ? -1 : 1));
  const memberIds = members.map((m) => m.member_id);

  const taskYear = `COALESCE(t.deadline, (t.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) BETWEEN $2 AND $3`;
  type TaskRow = {
    id: string;
    status: 'open' | 'done' | 'not_done' | 'cancelled';
    deadline: string | null;
    completed_on: string | null;
  };
  const memberTaskRows = await tx.query<TaskRow & { member_id: string }>(
    `SELECT t.id, t.status, t.deadline::text AS deadline, t.completed_on::text AS completed_on,
            t.assignee_member_id AS member_id
       FROM task t WHERE t.assignee_member_id = ANY($1::uuid[]) AND t.status <> 'cancelled' AND ${taskYear}
     UNION
     SELECT t.id, t.status, t.deadline::text, t.completed_on::text, g.member_id
       FROM task t JOIN membership g ON g.organization_id = t.assignee_group_id AND g.kind = 'party_group'
        AND g.valid_from <= $3 AND (g.valid_to IS NULL OR g.valid_to > $2)
      WHERE g.member_id = ANY($1::uuid[]) AND t.status <> 'cancelled' AND ${taskYear}`,
    [memberIds, yearFrom, yearTo],
  );
  const orgTaskRows = await tx.query<TaskRow & { organization_id: string }>(
    `SELECT t.id, t.status, t.deadline::text AS deadline, t.completed_on::text AS completed_on, t.organization_id
       FROM task t WHERE t.organization_id = ANY($1::uuid[]) AND t.status <> 'cancelled' AND ${taskYear}`,
    [cellIds, yearFrom, yearTo],
  );
  const group = <T>(rows: T[], key: (r: T) => string) => {
    const m = new Map<string, T[]>();
    for (const r of rows) {
      const k = key(r);
      const list = m.get(k);
      if (list) list.push(r);
      else m.set(k, [r]);
    }
    return m;
  };
  const tasksByMember = group(memberTaskRows, (r) => r.member_id);
  const tasksByOrg = group(orgTaskRows, (r) => r.organization_id);
  const attendance = new Map(
    (
      await tx.query<{ member_id: string; held: number; unexcused: number }>(
        `SELECT a.member_id, count(*)::int AS held,
                count(*) FILTER (WHERE a.status = 'absent_unexcused')::int AS unexcused
           FROM meeting_attendance a JOIN meeting m ON m.id = a.meeting_id
          WHERE a.member_id = ANY($1::uuid[]) AND m.for_month LIKE $2 AND m.status IN ('held','adopted')
          GROUP BY a.member_id`,
        [memberIds, `${evaluationYear}-%`],
      )
    ).map((r) => [r.member_id, r]),
  );
  // Accounts of the members (self-assessment), of cell and committee secretaries (proposal, decision).
  const accountOfMember = new Map(
    (
      await tx.query<{ id: string; member_id: string }>(
        `SELECT id, member_id FROM account WHERE province_id = $1 AND member_id IS NOT NULL`,
        [provinceId],
      )
    ).map((r) => [r.member_id, r.id]),
  );
  const secretaryAccount = new Map<string, string>();
  for (const r of await tx.query<{ organization_id: string; account_id: string }>(
    `SELECT po.organization_id, a.id AS account_id FROM position po JOIN account a ON a.member_id = po.member_id
      WHERE po.province_id = $1 AND po.kind IN ('secretary', 'deputy_secretary')
        AND po.valid_from <= $2 AND (po.valid_to IS NULL OR po.valid_to > $2)
      ORDER BY po.kind DESC`,
    [provinceId, `${evaluationYear}-12-15`],
  )) {
    secretaryAccount.set(r.organization_id, r.account_id);
  }

  // ---- discipline: a handful of reprimands, in different cells --------------------------------------------
  const disciplineRng = root.fork('discipline');
  const disciplines = new Columns('discipline', [
    ['id', 'uuid'],
    ['province_id', 'uuid'],
    ['member_id', 'uuid'],
    ['form', 'text'],
    ['decided_on', 'date'],
    ['document_ref', 'text'],
    ['reason', 'text'],
    ['created_at', 'timestamptz'],
  ]);
  const disciplined = new Map<string, string>();
  const disciplineCount = Math.max(2, Math.round(members.length * 0.004));
  const usedCells = new Set<string>();
  for (const m of disciplineRng.shuffle([...members])) {
    if (disciplined.size >= disciplineCount) break;
    if (usedCells.has(m.organization_id) || accountOfMember.has(m.member_id)) continue;
    usedCells.add(m.organization_id);
    const decidedOn = disciplineRng.date(`${evaluationYear}-03-01`, `${evaluationYear}-11-20`);
    const ref = `${disciplineRng.int(3, 48)}-QĐ/ĐU`;
    const [y, mo, d] = decidedOn.split('-');
    disciplined.set(m.member_id, `Bị kỷ luật khiển trách ngày ${d}/${mo}/${y}, ${ref}`);
    disciplines.add([
      disciplineRng.uuid(),
      provinceId,
      m.member_id,
      'reprimand',
      decidedOn,
      ref,
      disciplineRng.pick(disciplineReasons),
      at(disciplineRng, decidedOn),
    ]);
  }

  // ---- members: draw, cap by the facts ---------------------------------------------------------------------
  const cellOf = new Map(cells.map((c) => [c.id, c]));
  const subjects: Subject[] = [];
  const capOf = (s: Pick<Subject, 'tasks' | 'discipline' | 'blockers'>): EvaluationLevel => {
    // With full points and as many tasks beyond the requirement as were done, the facts' own ceiling.
    const done = s.tasks.onTime + s.tasks.late;
    return highestAllowedLevel(rules, {
      points: 100,
      tasksTotal: s.tasks.total,
      tasksOnTime: s.tasks.onTime,
      tasksLate: s.tasks.late,
      tasksExceeding: done,
      tasksNotDone: s.tasks.notDone,
      disqualifiers: s.discipline,
      excellentBlockers: s.blockers,
    }).level;
  };
  const disciplinedInCell = new Map<string, number>();
  for (const m of members) {
    const tasks = classifyTasks(tasksByMember.get(m.member_id) ?? [], opts.today);
    const d = disciplined.get(m.member_id);
    if (d) disciplinedInCell.set(m.organization_id, (disciplinedInCell.get(m.organization_id) ?? 0) + 1);
    const base = { tasks, discipline: d ? [d] : [], blockers: [] as string[] };
    let cap = capOf(base);
    const unexcused = attendance.get(m.member_id)?.unexcused ?? 0;
    // Two or more unexcused absences: not rated good whatever the tasks (the cell's judgement).
    if (unexcused >= 2) cap = lower(cap, 'completed');
    const target = levelRng.weighted(memberLevels);
    const level = lower(target, cap);
    subjects.push({
      memberId: m.member_id,
      cellId: m.organization_id,
      holderId: holderOf(cellOf.get(m.organization_id)!),
      form: m.leader ? 'leader' : 'member',
      ...base,
      unexcused,
      cap,
      target,
      level,
      selfLevel: level,
      proposedLevel: level,
      points: 0,
      exceeding: 0,
      quotaDemoted: false,
      quotaReason: null,
    });
  }
  for (const c of cells) {
    const tasks = classifyTasks(tasksByOrg.get(c.id) ?? [], opts.today);
    const n = disciplinedInCell.get(c.id) ?? 0;
    const base = { tasks, discipline: [], blockers: n > 0 ? [`${n} đảng viên bị kỷ luật trong năm`] : [] };
    const cap = capOf(base);
    const target = levelRng.weighted(cellLevels);
    const level = lower(target, cap);
    subjects.push({
      memberId: null,
      cellId: c.id,
      holderId: holderOf(c),
      form: 'collective',
      ...base,
      unexcused: 0,
      cap,
      target,
      level,
      selfLevel: level,
      proposedLevel: level,
      points: 0,
      exceeding: 0,
      quotaDemoted: false,
      quotaReason: null,
    });
  }

  // ---- the excellent quota per grassroots organisation (members and cells counted apart) ------------------
  const byHolder = group(subjects, (s) => `${s.holderId}:${s.memberId ? 'm' : 'o'}`);
  // The one organisation that exceeded: the member group with the most excellent beyond the cap, at least one.
  let exceeding: string | null = null;
  let most = 0;
  for (const [key, list] of byHolder) {
    if (!key.endsWith(':m')) continue;
    const check = quotaCheck(
      list.map((s) => s.level),
      rules,
    );
    const over = check.excellent - check.allowedExcellent;
    if (over > most || (over === most && over > 0 && exceeding !== null && key < exceeding)) {
      most = over;
      exceeding = key;
    }
  }
  if (exceeding === null) {
    // Nobody over the cap by the draw: the largest organisation lifts one more member to excellent.
    let best: [string, Subject[]] | null = null;
    for (const entry of byHolder) {
      if (entry[0].endsWith(':m') && (!best || entry[1].length > best[1].length)) best = entry;
    }
    if (best) {
      const candidates = best[1].filter((s) => s.level === 'good' && s.cap === 'excellent');
      let check = quotaCheck(
        best[1].map((s) => s.level),
        rules,
      );
      for (const s of candidates) {
        if (check.exceeded) break;
        s.level = 'excellent';
        s.selfLevel = 'excellent';
        s.proposedLevel = 'excellent';
        check = quotaCheck(
          best[1].map((x) => x.level),
          rules,
        );
      }
      if (check.exceeded) exceeding = best[0];
    }
  }
  const quotaNote =
    'Vượt tỷ lệ 20% theo quyết định của Ban Thường vụ Đảng ủy: đảng viên có thành tích nổi bật, được Ủy ban ' +
    'nhân dân tỉnh tặng Bằng khen trong công tác phòng, chống thiên tai năm 2025';
  for (const [key, list] of byHolder) {
    const excellent = list.filter((s) => s.level === 'excellent');
    if (excellent.length === 0) continue;
    let allowed = quotaCheck(
      list.map((s) => s.level),
      rules,
    ).allowedExcellent;
    if (key === exceeding) {
      // Decided in order: those beyond the cap carry the recorded reason.
      excellent.slice(allowed).forEach((s) => (s.quotaReason = quotaNote));
      continue;
    }
    // Demote the excess (the cell proposed excellent; the committee decided good within the quota).
    levelRng.shuffle(excellent);
    while (excellent.length > allowed) {
      const s = excellent.pop()!;
      s.level = 'good';
      s.quotaDemoted = true;
      allowed = quotaCheck(
        list.map((x) => x.level),
        rules,
      ).allowedExcellent;
    }
  }

  // ---- self-assessment, points, consistency -----------------------------------------------------------------
  for (const s of subjects) {
    if (!s.quotaDemoted && s.memberId && levelRng.chance(selfHigherShare)) {
      const above = evaluationLevels[evaluationLevelRank(s.level) - 1];
      if (above && atLeastLevel(s.cap, above) && above !== 'excellent') s.selfLevel = above;
    }
    if (s.quotaDemoted) s.selfLevel = s.proposedLevel = 'excellent';
    // Those below 'completed' by the facts self-assess plausibly, the points not disqualifying them alone.
    const pointsLevel =
      s.selfLevel === 'not_completed' && (s.tasks.notDone > 0 || s.discipline.length > 0)
        ? levelRng.pick<EvaluationLevel>(['completed', 'completed', 'not_completed'])
        : s.selfLevel;
    s.points = pointsFor(levelRng, pointsLevel);
    s.exceeding = exceedingFor(levelRng, s.selfLevel, s.tasks);
    const allowed = highestAllowedLevel(rules, factsOf(s, s.points, s.exceeding)).level;
    for (const l of [s.selfLevel, s.proposedLevel, s.level]) {
      if (!atLeastLevel(allowed, l)) {
        throw new Error(
          `createDemoEvaluations: ${evaluationLevelLabel[l]} above what the facts allow (${allowed}) for ${s.memberId ?? s.cellId}`,
        );
      }
    }
  }

  // ---- rows -------------------------------------------------------------------------------------------------
  const evaluations = new Columns('evaluation', [
    ['id', 'uuid'],
    ['province_id', 'uuid'],
    ['year', 'int'],
    ['subject_kind', 'text'],
    ['member_id', 'uuid'],
    ['organization_id', 'uuid'],
    ['holder_id', 'uuid'],
    ['rules_id', 'text'],
    ['rules_version', 'int'],
    ['subject_form', 'text'],
    ['step', 'text'],
    ['self_points', 'numeric'],
    ['self_level', 'text'],
    ['self_text', 'text'],
    ['self_tasks_exceeding', 'int'],
    ['self_by', 'uuid'],
    ['self_at', 'timestamptz'],
    ['proposed_level', 'text'],
    ['proposal_note', 'text'],
    ['proposed_by', 'uuid'],
    ['proposed_at', 'timestamptz'],
    ['decided_level', 'text'],
    ['decision_note', 'text'],
    ['decision_document', 'text'],
    ['quota_reason', 'text'],
    ['decided_by', 'uuid'],
    ['decided_at', 'timestamptz'],
    ['announced_at', 'timestamptz'],
    ['announced_by', 'uuid'],
    ['evidence', 'jsonb'],
    ['version', 'int'],
    ['created_at', 'timestamptz'],
    ['updated_at', 'timestamptz'],
  ]);
  const y = evaluationYear;
  // Per grassroots organisation one decision (document, dates); per cell one review meeting.
  const holderDecision = new Map<string, { doc: string; decidedOn: string; announcedOn: string }>();
  const decisionOf = (holderId: string, kind: 'm' | 'o') => {
    const key = `${holderId}:${kind}`;
    let d = holderDecision.get(key);
    if (!d) {
      const decidedOn =
        kind === 'm'
          ? timeRng.date(`${y}-12-22`, `${y}-12-30`)
          : timeRng.date(`${y + 1}-01-06`, `${y + 1}-01-14`);
      const announcedOn =
        kind === 'm'
          ? timeRng.date(`${y + 1}-01-05`, `${y + 1}-01-12`)
          : timeRng.date(`${y + 1}-01-16`, `${y + 1}-01-20`);
      d = { doc: `${timeRng.int(100, 480)}-QĐ/ĐU`, decidedOn, announcedOn };
      holderDecision.set(key, d);
    }
    return d;
  };
  const cellMeeting = new Map<string, { self: string; proposal: string }>();
  for (const c of cells) {
    cellMeeting.set(c.id, {
      self: timeRng.date(`${y}-12-01`, `${y}-12-08`),
      proposal: timeRng.date(`${y}-12-10`, `${y}-12-19`),
    });
  }
  for (const s of subjects) {
    const isMember = s.memberId !== null;
    const cell = cellOf.get(s.cellId)!;
    const meeting = cellMeeting.get(cell.id)!;
    const decision = decisionOf(s.holderId, isMember ? 'm' : 'o');
    const selfAt = at(timeRng, isMember ? meeting.self : timeRng.date(`${y}-12-12`, `${y}-12-20`));
    const proposedAt = isMember
      ? at(timeRng, meeting.proposal)
      : at(timeRng, timeRng.date(`${y}-12-26`, `${y + 1}-01-05`));
    const decidedAt = at(timeRng, decision.decidedOn);
    const announcedAt = at(timeRng, decision.announcedOn);
    const createdAt = Date.parse(`${y}-11-${String(timeRng.int(20, 28))}T08:00:00+07:00`);
    const proposer = isMember ? secretaryAccount.get(cell.id) : secretaryAccount.get(s.holderId);
    const decider = isMember ? secretaryAccount.get(s.holderId) : null;
    const allowed = highestAllowedLevel(rules, factsOf(s, s.points, s.exceeding));
    const snapshot = {
      tasks: s.tasks,
      attendance: isMember ? (attendance.get(s.memberId!) ?? { held: 0, unexcused: 0 }) : null,
      discipline: s.discipline,
      highestAllowed: allowed,
    };
    const iso = (ms: number) => new Date(ms).toISOString();
    const evidence = JSON.stringify({
      self_assessment: { at: iso(selfAt), ...snapshot },
      proposal: { at: iso(proposedAt), ...snapshot },
      decision: { at: iso(decidedAt), ...snapshot },
      announced: { at: iso(announcedAt), ...snapshot },
    });
    const proposalNote =
      s.selfLevel !== s.proposedLevel
        ? `Chi bộ thống nhất đề nghị mức ${evaluationLevelLabel[s.proposedLevel]}, thấp hơn mức tự đánh giá`
        : s.discipline.length > 0
          ? `Đảng viên bị kỷ luật trong năm: ${s.discipline[0]}`
          : null;
    const decisionNote = s.quotaDemoted
      ? `Xếp ${evaluationLevelLabel.good} do giới hạn tỷ lệ ${evaluationLevelLabel.excellent} (không quá 20%)`
      : null;
    evaluations.add([
      idRng.uuid(),
      provinceId,
      y,
      isMember ? 'member' : 'organization',
      s.memberId,
      s.cellId,
      s.holderId,
      rules.id,
      rules.version,
      s.form,
      'announced',
      s.points,
      s.selfLevel,
      isMember ? levelRng.pick(selfTexts[s.selfLevel]) : levelRng.pick(collectiveTexts),
      s.exceeding,
      isMember ? (accountOfMember.get(s.memberId!) ?? null) : (secretaryAccount.get(cell.id) ?? null),
      selfAt,
      s.proposedLevel,
      proposalNote,
      proposer ?? null,
      proposedAt,
      s.level,
      decisionNote,
      decision.doc,
      s.quotaReason,
      decider ?? null,
      decidedAt,
      announcedAt,
      decider ?? null,
      evidence,
      5,
      createdAt,
      announcedAt,
    ]);
  }

  // ---- "bốn tốt" entries where the app has no facts ------------------------------------------------------
  const entryRng = root.fork('four good');
  const entries = new Columns('four_good_entry', [
    ['province_id', 'uuid'],
    ['organization_id', 'uuid'],
    ['year', 'int'],
    ['criterion', 'text'],
    ['met', 'boolean'],
    ['evidence', 'text'],
    ['entered_by', 'uuid'],
    ['entered_at', 'timestamptz'],
  ]);
  const enteredAt = () => at(entryRng, entryRng.date(`${y + 1}-01-12`, `${y + 1}-01-22`));
  const addEntry = (orgId: string, criterion: FourGoodCriterion, met: boolean, evidence: string) =>
    entries.add([provinceId, orgId, y, criterion, met, evidence, null, enteredAt()]);
  for (const o of orgs.filter((x) => x.kind === 'grassroots_committee')) {
    const weak = entryRng.chance(0.1);
    addEntry(
      o.id,
      'political_task',
      !weak,
      weak
        ? `Đảng bộ được cấp ủy cấp trên xếp loại ${evaluationLevelLabel.completed} năm ${y}: chỉ tiêu thu ngân sách đạt 87% kế hoạch (Thông báo số ${entryRng.int(10, 90)}-TB/TU)`
        : `Đảng bộ được cấp ủy cấp trên xếp loại ${evaluationLevelLabel.good} năm ${y}; ${entryRng.int(14, 18)}/${entryRng.int(18, 19)} chỉ tiêu kinh tế – xã hội đạt và vượt (Thông báo số ${entryRng.int(10, 90)}-TB/TU)`,
    );
    const meetings = entryRng.int(11, 12);
    addEntry(
      o.id,
      'meeting_quality',
      meetings === 12,
      meetings === 12
        ? `Đảng ủy họp đủ 12 kỳ thường kỳ, tài liệu gửi trước 3 ngày; tổ chức ${entryRng.int(2, 3)} hội nghị toàn đảng bộ (biên bản lưu tại Văn phòng Đảng ủy)`
        : `Đảng ủy họp 11/12 kỳ thường kỳ (tháng ${entryRng.int(2, 9)} không họp do trùng đợt sắp xếp đơn vị hành chính); tài liệu một số kỳ gửi chậm`,
    );
  }
  // A cell whose disunity the records do not show: recorded by the upper committee after an inspection.
  const quietCells = cells.filter((c) => !disciplinedInCell.has(c.id));
  for (const c of entryRng.sample(quietCells, Math.max(1, Math.round(cells.length * 0.03)))) {
    addEntry(
      c.id,
      'unity_discipline',
      false,
      'Kết luận kiểm tra của Ủy ban Kiểm tra Đảng ủy: nội bộ chi ủy chưa đoàn kết, có đơn thư nặc danh kéo dài trong quý III',
    );
  }

  await disciplines.write(tx);
  await evaluations.write(tx);
  await entries.write(tx);
  return { evaluations: evaluations.rows, disciplines: disciplines.rows, fourGoodEntries: entries.rows };
}

function atLeastLevel(a: EvaluationLevel, b: EvaluationLevel): boolean {
  return evaluationLevelRank(a) <= evaluationLevelRank(b);
}
