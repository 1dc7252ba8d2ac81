// The recorded facts an annual evaluation and "bốn tốt" rest on, read in batches from the read model
// (evaluation-facts.repository.ts) and shaped: attendance, tasks, monthly meeting ratings, meetings held,
// discipline, members' decided levels.
import { formatDateVi, todayIso } from '../../../domain/dates.ts';
import type { EvaluationLevel } from '../../../domain/evaluation-rules.ts';
import type { MonthlyRating } from '../../../domain/four-good.ts';
import { message } from '../../../messages/index.ts';
import type { Queryable } from '../../platform/db.ts';
import * as repo from './evaluation-facts.repository.ts';
import type { DisciplineForm, DisciplineRow, TaskRow } from './evaluation-facts.repository.ts';

export type { DisciplineForm } from './evaluation-facts.repository.ts';

/** The form of a discipline decision, in the catalogue ("khiển trách", "cảnh cáo"…). */
export const disciplineFormMessage = (form: DisciplineForm) => message(`evaluation.discipline_form.${form}`);

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

/** Tasks assigned to each member, directly or to a party group they belonged to in the year. */
export async function memberTasks(q: Queryable, memberIds: string[], year: number) {
  const out = new Map<string, TaskFacts>();
  if (memberIds.length === 0) return out;
  const rows = await repo.listMemberTaskRows(q, memberIds, yearStart(year), yearEnd(year));
  const byMember = new Map<string, TaskRow[]>();
  for (const r of rows) byMember.set(r.member_id, [...(byMember.get(r.member_id) ?? []), r]);
  for (const id of memberIds) out.set(id, classifyTasks(byMember.get(id) ?? []));
  return out;
}

/** Tasks of the organisation's own meetings and assignments. */
export async function organizationTasks(q: Queryable, organizationId: string, year: number) {
  return (await organizationsTasks(q, [organizationId], year)).get(organizationId)!;
}

/** Tasks of each organisation's own meetings and assignments, in one query. */
export async function organizationsTasks(q: Queryable, organizationIds: string[], year: number) {
  const out = new Map<string, TaskFacts>();
  if (organizationIds.length === 0) return out;
  const rows = await repo.listOrganizationTaskRows(q, organizationIds, yearStart(year), yearEnd(year));
  for (const id of organizationIds) {
    out.set(id, classifyTasks(rows.filter((r) => r.organization_id === id)));
  }
  return out;
}

/** Each member's roll in the year's held or adopted meetings. */
export async function memberAttendance(q: Queryable, memberIds: string[], year: number) {
  const out = new Map<string, AttendanceFacts>();
  for (const id of memberIds) out.set(id, { held: 0, present: 0, excused: 0, unexcused: 0, exempt: 0 });
  if (memberIds.length === 0) return out;
  const rows = await repo.listAttendanceCounts(q, memberIds, year);
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
  const rows = await repo.listSelfRatings(q, organizationIds, `${year}-01`, `${year}-${pad(lastMonth)}`);
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
  const rows = await repo.listHeldMeetings(q, organizationIds, year);
  const due = monthsDue(year, asOf < todayIso() ? asOf : todayIso());
  for (const id of organizationIds) {
    out.set(
      id,
      meetingSummary(
        rows.filter((r) => r.organization_id === id),
        year,
        due,
      ),
    );
  }
  return out;
}

/** One organisation's held meetings of a year (month and kind) against the first `due` months. */
export function meetingSummary(
  rows: { for_month: string; kind: string }[],
  year: number,
  due: number,
): MeetingFactsSummary {
  const regular = new Set(
    rows.filter((r) => r.kind === 'regular' || r.kind === 'regular_thematic').map((r) => r.for_month),
  );
  const thematicQuarters = new Set(
    rows
      .filter((r) => r.kind === 'thematic' || r.kind === 'regular_thematic')
      .map((r) => Math.ceil(Number(r.for_month.slice(5, 7)) / 3)),
  );
  const missing: string[] = [];
  for (let m = 1; m <= due; m++) if (!regular.has(`${year}-${pad(m)}`)) missing.push(`${year}-${pad(m)}`);
  let quartersWithout = 0;
  for (let qtr = 1; qtr <= Math.floor(due / 3); qtr++) if (!thematicQuarters.has(qtr)) quartersWithout++;
  return {
    monthsHeld: regular.size,
    monthsDue: due,
    missingMonths: missing,
    quartersWithoutThematic: quartersWithout,
  };
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
  const rows = await repo.listMemberDisciplineRows(q, memberIds, yearStart(year), asOf);
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
  const rows = await repo.listOrganizationDisciplineRows(q, organizationIds, yearStart(year), asOf);
  return rows.map((r) => ({ ...disciplineOf(r), organizationId: r.organization_id! }));
}

/** Discipline decisions on members who officially belonged in the year to an organisation under `path`. */
export async function disciplinedMembersUnder(
  q: Queryable,
  path: string,
  year: number,
  asOf = yearEnd(year),
) {
  const rows = await repo.listDisciplineOfMembersUnder(q, path, yearStart(year), asOf);
  return rows.map((r) => ({ ...disciplineOf(r), orgPath: r.org_path }));
}

/** A discipline decision as a reason that bars a level: "Bị kỷ luật cảnh cáo ngày 03/01/2026, 12-QĐ/UBKT". */
export function disciplineMessage(d: DisciplineFact) {
  return message(d.documentRef ? 'evaluation.disciplined_with_document' : 'evaluation.disciplined', {
    form: disciplineFormMessage(d.form),
    date: formatDateVi(d.decidedOn),
    ...(d.documentRef ? { document: d.documentRef } : {}),
  });
}

export type LevelCounts = Record<EvaluationLevel | 'undecided', number>;

export function countLevels(levels: (EvaluationLevel | null)[]): LevelCounts {
  const c: LevelCounts = { excellent: 0, good: 0, completed: 0, not_completed: 0, undecided: 0 };
  for (const l of levels) c[l ?? 'undecided']++;
  return c;
}
