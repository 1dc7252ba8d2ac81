// The recorded facts an annual evaluation and "bốn tốt" rest on, read in batches: attendance, tasks, monthly
// meeting ratings, meetings held, discipline, members' decided levels.
import { formatDateVi, todayIso } from '../../../domain/dates.ts';
import type { QualityLevel } from '../../../domain/evaluation.ts';
import type { MonthlyRating } from '../../../domain/four-good.ts';
import type { Queryable } from '../../platform/db.ts';

export type DisciplineForm = 'reprimand' | 'warning' | 'dismissal' | 'expulsion' | 'dissolution';

export const disciplineFormLabel: Record<DisciplineForm, string> = {
  reprimand: 'Khiển trách',
  warning: 'Cảnh cáo',
  dismissal: 'Cách chức',
  expulsion: 'Khai trừ',
  dissolution: 'Giải tán',
};

export interface AttendanceFacts {
  held: number;
  present: number;
  excused: number;
  unexcused: number;
  exempt: number;
}

export interface TaskFacts {
  total: number;
  onTime: number;
  late: number;
  notDone: number;
  inProgress: number;
}

export interface DisciplineFact {
  id: string;
  memberId: string | null;
  memberName: string | null;
  form: DisciplineForm;
  decidedOn: string;
  documentRef: string | null;
  reason: string;
}

export interface MeetingFactsSummary {
  monthsHeld: number;
  monthsDue: number;
  missingMonths: string[];
  quartersWithoutThematic: number;
}

const pad = (n: number) => String(n).padStart(2, '0');
export const yearStart = (year: number) => `${year}-01-01`;
export const yearEnd = (year: number) => `${year}-12-31`;

/** How many months of `year` are due by `asOf` (a month is due once its last day has come). */
export function monthsDue(year: number, asOf: string): number {
  if (asOf >= yearEnd(year)) return 12;
  if (asOf < yearStart(year)) return 0;
  const month = Number(asOf.slice(5, 7));
  const next = new Date(Date.UTC(year, month, 1));
  const lastDay = new Date(next.getTime() - 86_400_000).toISOString().slice(0, 10);
  return asOf === lastDay ? month : month - 1;
}

interface TaskRow {
  id: string;
  status: 'open' | 'done' | 'not_done' | 'cancelled';
  deadline: string | null;
  completed_on: string | null;
}

/** Done on time, late (completed after the deadline), not done (or open past the deadline), in progress. */
export function classifyTasks(rows: TaskRow[], today = todayIso()): TaskFacts {
  const f: TaskFacts = { total: 0, onTime: 0, late: 0, notDone: 0, inProgress: 0 };
  for (const t of rows) {
    if (t.status === 'cancelled') continue;
    if (t.status === 'done') {
      if (t.deadline && t.completed_on && t.completed_on > t.deadline) f.late++;
      else f.onTime++;
    } else if (t.status === 'not_done' || (t.deadline !== null && t.deadline < today)) {
      f.notDone++;
    } else {
      f.inProgress++;
      continue;
    }
    f.total++;
  }
  return f;
}

// A task belongs to the year of its deadline (or, without one, of its creation).
const taskInYear = `COALESCE(t.deadline, (t.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) BETWEEN $2 AND $3`;

/** Tasks assigned to each member, directly or to a party group they belonged to in the year. */
export async function memberTasks(q: Queryable, memberIds: string[], year: number) {
  const out = new Map<string, TaskFacts>();
  if (memberIds.length === 0) return out;
  const rows = await q.query<TaskRow & { member_id: string }>(
    `SELECT DISTINCT t.id, t.status, t.deadline, t.completed_on, mm.member_id
       FROM task t
       JOIN (SELECT unnest($1::uuid[]) AS member_id) mm ON t.assignee_member_id = mm.member_id
         OR t.assignee_group_id IN (SELECT g.organization_id FROM membership g
              WHERE g.member_id = mm.member_id AND g.kind = 'party_group'
                AND g.valid_from <= $3 AND (g.valid_to IS NULL OR g.valid_to > $2))
      WHERE t.status <> 'cancelled' AND ${taskInYear}`,
    [memberIds, yearStart(year), yearEnd(year)],
  );
  const byMember = new Map<string, TaskRow[]>();
  for (const r of rows) byMember.set(r.member_id, [...(byMember.get(r.member_id) ?? []), r]);
  for (const id of memberIds) out.set(id, classifyTasks(byMember.get(id) ?? []));
  return out;
}

/** Tasks of the organisation's own meetings and assignments. */
export async function organizationTasks(q: Queryable, organizationId: string, year: number) {
  const rows = await q.query<TaskRow>(
    `SELECT t.id, t.status, t.deadline, t.completed_on FROM task t
      WHERE t.organization_id = $1 AND t.status <> 'cancelled' AND ${taskInYear}`,
    [organizationId, yearStart(year), yearEnd(year)],
  );
  return classifyTasks(rows);
}

/** Each member's roll in the year's held or adopted meetings. */
export async function memberAttendance(q: Queryable, memberIds: string[], year: number) {
  const out = new Map<string, AttendanceFacts>();
  for (const id of memberIds) out.set(id, { held: 0, present: 0, excused: 0, unexcused: 0, exempt: 0 });
  if (memberIds.length === 0) return out;
  const rows = await q.query<{
    member_id: string;
    held: number;
    present: number;
    excused: number;
    unexcused: number;
    exempt: number;
  }>(
    `SELECT a.member_id, count(*)::int AS held,
            count(*) FILTER (WHERE a.status = 'present')::int AS present,
            count(*) FILTER (WHERE a.status = 'absent_excused')::int AS excused,
            count(*) FILTER (WHERE a.status = 'absent_unexcused')::int AS unexcused,
            count(*) FILTER (WHERE a.status = 'exempt' OR (a.status IS NULL AND a.exempt))::int AS exempt
       FROM meeting_attendance a JOIN meeting m ON m.id = a.meeting_id
      WHERE a.member_id = ANY($1::uuid[]) AND m.for_month LIKE $2 AND m.status IN ('held','adopted')
      GROUP BY a.member_id`,
    [memberIds, `${year}-%`],
  );
  for (const r of rows) {
    out.set(r.member_id, {
      held: r.held,
      present: r.present,
      excused: r.excused,
      unexcused: r.unexcused,
      exempt: r.exempt,
    });
  }
  return out;
}

const ratingOrder: MonthlyRating[] = ['good', 'fair', 'average', 'poor'];

/** The submitted self-scorecard rating of each month up to `lastMonth` (the worst when several), per organisation. */
export async function monthlyRatings(q: Queryable, organizationIds: string[], year: number, lastMonth = 12) {
  const out = new Map<string, { month: string; rating: MonthlyRating }[]>();
  for (const id of organizationIds) out.set(id, []);
  if (organizationIds.length === 0) return out;
  const rows = await q.query<{ organization_id: string; for_month: string; rating: MonthlyRating }>(
    `SELECT organization_id, for_month, rating FROM scorecard
      WHERE organization_id = ANY($1::uuid[]) AND scorer_kind = 'self' AND status = 'submitted'
        AND rating IS NOT NULL AND for_month >= $2 AND for_month <= $3
      ORDER BY for_month`,
    [organizationIds, `${year}-01`, `${year}-${pad(lastMonth)}`],
  );
  const worst = new Map<string, Map<string, MonthlyRating>>();
  for (const r of rows) {
    const m = worst.get(r.organization_id) ?? new Map<string, MonthlyRating>();
    const prev = m.get(r.for_month);
    if (!prev || ratingOrder.indexOf(r.rating) > ratingOrder.indexOf(prev)) m.set(r.for_month, r.rating);
    worst.set(r.organization_id, m);
  }
  for (const [id, m] of worst)
    out.set(
      id,
      [...m].map(([month, rating]) => ({ month, rating })),
    );
  return out;
}

/** Months with a regular meeting held and quarters with a thematic one, against the months due by `asOf`. */
export async function meetingsHeld(q: Queryable, organizationIds: string[], year: number, asOf: string) {
  const out = new Map<string, MeetingFactsSummary>();
  if (organizationIds.length === 0) return out;
  const rows = await q.query<{ organization_id: string; for_month: string; kind: string }>(
    `SELECT organization_id, for_month, kind FROM meeting
      WHERE organization_id = ANY($1::uuid[]) AND for_month LIKE $2 AND status IN ('held','adopted')`,
    [organizationIds, `${year}-%`],
  );
  const due = monthsDue(year, asOf < todayIso() ? asOf : todayIso());
  for (const id of organizationIds) {
    const mine = rows.filter((r) => r.organization_id === id);
    const regular = new Set(
      mine.filter((r) => r.kind === 'regular' || r.kind === 'regular_thematic').map((r) => r.for_month),
    );
    const thematicQuarters = new Set(
      mine
        .filter((r) => r.kind === 'thematic' || r.kind === 'regular_thematic')
        .map((r) => Math.ceil(Number(r.for_month.slice(5, 7)) / 3)),
    );
    const missing: string[] = [];
    for (let m = 1; m <= due; m++) if (!regular.has(`${year}-${pad(m)}`)) missing.push(`${year}-${pad(m)}`);
    let quartersWithout = 0;
    for (let qtr = 1; qtr <= Math.floor(due / 3); qtr++) if (!thematicQuarters.has(qtr)) quartersWithout++;
    out.set(id, {
      monthsHeld: regular.size,
      monthsDue: due,
      missingMonths: missing,
      quartersWithoutThematic: quartersWithout,
    });
  }
  return out;
}

interface DisciplineRow {
  id: string;
  member_id: string | null;
  organization_id: string | null;
  full_name: string | null;
  form: DisciplineForm;
  decided_on: string;
  document_ref: string | null;
  reason: string;
}

const disciplineOf = (r: DisciplineRow): DisciplineFact => ({
  id: r.id,
  memberId: r.member_id,
  memberName: r.full_name,
  form: r.form,
  decidedOn: r.decided_on,
  documentRef: r.document_ref,
  reason: r.reason,
});

/** Discipline decisions on the members, in the year up to `asOf`. */
export async function memberDiscipline(
  q: Queryable,
  memberIds: string[],
  year: number,
  asOf = yearEnd(year),
) {
  if (memberIds.length === 0) return [];
  const rows = await q.query<DisciplineRow>(
    `SELECT d.id, d.member_id, d.organization_id, m.full_name, d.form, d.decided_on, d.document_ref, d.reason
       FROM discipline d JOIN member m ON m.id = d.member_id
      WHERE d.member_id = ANY($1::uuid[]) AND d.decided_on BETWEEN $2 AND $3 ORDER BY d.decided_on`,
    [memberIds, yearStart(year), asOf],
  );
  return rows.map(disciplineOf);
}

/** Discipline decisions on the organisations themselves. */
export async function organizationDiscipline(
  q: Queryable,
  organizationIds: string[],
  year: number,
  asOf = yearEnd(year),
) {
  if (organizationIds.length === 0) return [];
  const rows = await q.query<DisciplineRow>(
    `SELECT d.id, d.member_id, d.organization_id, NULL AS full_name, d.form, d.decided_on, d.document_ref, d.reason
       FROM discipline d WHERE d.organization_id = ANY($1::uuid[]) AND d.decided_on BETWEEN $2 AND $3
      ORDER BY d.decided_on`,
    [organizationIds, yearStart(year), asOf],
  );
  return rows.map((r) => ({ ...disciplineOf(r), organizationId: r.organization_id! }));
}

/** Discipline decisions on members who officially belonged in the year to an organisation under `path`. */
export async function disciplinedMembersUnder(
  q: Queryable,
  path: string,
  year: number,
  asOf = yearEnd(year),
) {
  const rows = await q.query<DisciplineRow & { org_path: string }>(
    `SELECT DISTINCT d.id, d.member_id, d.organization_id, m.full_name, d.form, d.decided_on, d.document_ref,
            d.reason, p.path::text AS org_path
       FROM discipline d JOIN member m ON m.id = d.member_id
       JOIN membership ms ON ms.member_id = d.member_id AND ms.kind = 'official'
         AND ms.valid_from <= $3 AND (ms.valid_to IS NULL OR ms.valid_to > $2)
       JOIN organization_period p ON p.organization_id = ms.organization_id AND p.valid_to IS NULL
      WHERE d.decided_on BETWEEN $2 AND $3 AND p.path <@ $1::ltree`,
    [path, yearStart(year), asOf],
  );
  return rows.map((r) => ({ ...disciplineOf(r), orgPath: r.org_path }));
}

export function disciplineText(d: DisciplineFact): string {
  const doc = d.documentRef ? `, ${d.documentRef}` : '';
  return `Bị kỷ luật ${disciplineFormLabel[d.form].toLowerCase()} ngày ${formatDateVi(d.decidedOn)}${doc}`;
}

export type LevelCounts = Record<QualityLevel | 'undecided', number>;

export function countLevels(levels: (QualityLevel | null)[]): LevelCounts {
  const c: LevelCounts = { excellent: 0, good: 0, completed: 0, not_completed: 0, undecided: 0 };
  for (const l of levels) c[l ?? 'undecided']++;
  return c;
}
