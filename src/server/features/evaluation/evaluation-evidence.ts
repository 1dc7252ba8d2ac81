// The evidence of an annual evaluation: the recorded facts of many evaluations read in a few batched queries,
// the domain's facts for a level check, and the evidence each step snapshots and the page shows.
import {
  type EvaluationFacts,
  highestAllowedLevel,
  membersDisciplinedBlocker,
} from '../../../domain/evaluation.ts';
import { evaluationRulesFor, type EvaluationRules } from '../../../domain/evaluation-rules.ts';
import { DomainError } from '../../../domain/messages.ts';
import type { Queryable } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import {
  type AttendanceFacts,
  countLevels,
  type DisciplineFact,
  disciplineMessage,
  meetingsHeld,
  type MeetingFactsSummary,
  memberAttendance,
  memberDiscipline,
  memberTasks,
  monthlyRatings,
  organizationDiscipline,
  organizationsTasks,
  type TaskFacts,
  yearEnd,
} from './evaluation-facts.ts';
import * as repo from './evaluation.repository.ts';
import type { EvaluationRow } from './evaluation.repository.ts';

/** The evaluation rules in force for a year; a year without rules is refused with the domain's words. */
export function rulesOf(year: number): EvaluationRules {
  try {
    return evaluationRulesFor(year);
  } catch (e) {
    if (e instanceof DomainError) throw new AppError('invalid_state', e.problem);
    throw e;
  }
}

export interface Evidence {
  attendance: AttendanceFacts | null;
  meetings: MeetingFactsSummary | null;
  tasks: TaskFacts;
  ratings: { month: string; rating: 'good' | 'fair' | 'average' | 'poor' }[];
  discipline: Omit<DisciplineFact, 'memberId'>[];
  memberLevels: ReturnType<typeof countLevels> | null;
  highestAllowed: ReturnType<typeof highestAllowedLevel>;
}

export interface RawFacts {
  attendance: AttendanceFacts | null;
  meetings: MeetingFactsSummary | null;
  tasks: TaskFacts;
  ratings: Evidence['ratings'];
  discipline: DisciplineFact[];
  /** Members disciplined (for an organisation: bars excellent). */
  membersDisciplined: DisciplineFact[];
  memberLevels: ReturnType<typeof countLevels> | null;
}

/** The facts of every evaluation in `rows`, read in a few batched queries. */
export async function factsOf(q: Queryable, rows: EvaluationRow[]): Promise<Map<string, RawFacts>> {
  const out = new Map<string, RawFacts>();
  const byYear = new Map<number, EvaluationRow[]>();
  for (const r of rows) byYear.set(r.year, [...(byYear.get(r.year) ?? []), r]);
  for (const [year, list] of byYear) {
    const memberRows = list.filter((r) => r.subject_kind === 'member');
    const orgRows = list.filter((r) => r.subject_kind === 'organization');
    const memberIds = memberRows.map((r) => r.member_id!);
    const orgIds = [...new Set(list.map((r) => r.organization_id))];
    // One query at a time: inside a transaction they share one connection.
    const attendance = await memberAttendance(q, memberIds, year);
    const tasks = await memberTasks(q, memberIds, year);
    const discipline = await memberDiscipline(q, memberIds, year);
    const ratings = await monthlyRatings(q, orgIds, year);
    const orgIdsOfOrgRows = orgRows.map((r) => r.organization_id);
    const held = await meetingsHeld(q, orgIdsOfOrgRows, year, yearEnd(year));
    const orgDiscipline = await organizationDiscipline(q, orgIdsOfOrgRows, year);
    for (const r of memberRows) {
      out.set(r.id, {
        attendance: attendance.get(r.member_id!)!,
        meetings: null,
        tasks: tasks.get(r.member_id!)!,
        ratings: ratings.get(r.organization_id) ?? [],
        discipline: discipline.filter((d) => d.memberId === r.member_id),
        membersDisciplined: [],
        memberLevels: null,
      });
    }
    // The organisations' own facts in a few queries whatever their number (a committee lists its cells).
    const orgTasks = await organizationsTasks(q, orgIdsOfOrgRows, year);
    const levels = await repo.listMemberLevels(q, orgIdsOfOrgRows, year);
    const levelsDisciplined = await memberDiscipline(
      q,
      levels.map((m) => m.member_id),
      year,
    );
    for (const r of orgRows) {
      const members = levels.filter((m) => m.organization_id === r.organization_id);
      const ids = new Set(members.map((m) => m.member_id));
      const membersDisciplined = levelsDisciplined.filter((d) => d.memberId !== null && ids.has(d.memberId));
      out.set(r.id, {
        attendance: null,
        meetings: held.get(r.organization_id)!,
        tasks: orgTasks.get(r.organization_id)!,
        ratings: ratings.get(r.organization_id) ?? [],
        discipline: [
          ...orgDiscipline.filter((d) => d.organizationId === r.organization_id),
          ...membersDisciplined,
        ],
        membersDisciplined,
        memberLevels: countLevels(members.map((m) => m.decided_level)),
      });
    }
  }
  return out;
}

/** The domain's facts for a level check: the recorded tasks and discipline, with the self-assessed points. */
export function evaluationFacts(
  e: Pick<EvaluationRow, 'subject_kind'>,
  raw: RawFacts,
  points: number | null,
  tasksExceeding: number,
): EvaluationFacts {
  const own = raw.discipline.filter((d) => !raw.membersDisciplined.includes(d));
  return {
    points,
    tasksTotal: raw.tasks.total,
    tasksOnTime: raw.tasks.onTime,
    tasksLate: raw.tasks.late,
    tasksExceeding,
    tasksNotDone: raw.tasks.notDone,
    disqualifiers: own.map(disciplineMessage),
    excellentBlockers:
      e.subject_kind === 'organization' && raw.membersDisciplined.length > 0
        ? [membersDisciplinedBlocker(raw.membersDisciplined.length)]
        : [],
  };
}

export function evidenceOf(e: EvaluationRow, raw: RawFacts): Evidence {
  const rules = rulesOf(e.year);
  const points = rules.scale === 'points_100' ? (e.self_points ?? 100) : null;
  const done = raw.tasks.onTime + raw.tasks.late;
  const facts = evaluationFacts(e, raw, points, Math.min(e.self_tasks_exceeding, done));
  return {
    attendance: raw.attendance,
    meetings: raw.meetings,
    tasks: raw.tasks,
    ratings: raw.ratings,
    discipline: raw.discipline.map((d) => ({
      id: d.id,
      memberName: d.memberName,
      form: d.form,
      decidedOn: d.decidedOn,
      documentRef: d.documentRef,
      reason: d.reason,
    })),
    memberLevels: raw.memberLevels,
    highestAllowed: highestAllowedLevel(rules, facts),
  };
}
