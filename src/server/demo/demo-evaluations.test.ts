// The demo's 2025 annual review: announced evaluations of members and cells, the quota per grassroots
// organisation (one recorded exceedance), levels within what the recorded facts allow, reprimanded members not
// completed, "bốn tốt" entries with evidence, and no 2026 review yet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { highestAllowedLevel, quotaCheck } from '../../domain/evaluation.ts';
import {
  evaluationRulesFor,
  type EvaluationLevel,
  evaluationLevelRank,
} from '../../domain/evaluation-rules.ts';
import type { Database } from '../platform/db.ts';
import { createTestDatabase } from '../testing/test-db.ts';
import { memberDiscipline, memberTasks, organizationTasks } from '../features/evaluation/evaluation-facts.ts';
import { createDemoData } from './demo-data.ts';

const members = 300;
const seed = 20250701;
const today = '2026-11-22';
let db: Database;

beforeAll(async () => {
  db = await createTestDatabase();
  await createDemoData(db, { seed, members, today });
});

afterAll(async () => {
  await db?.close();
});

interface Row {
  id: string;
  subject_kind: 'member' | 'organization';
  member_id: string | null;
  organization_id: string;
  holder_id: string;
  org_kind: string;
  step: string;
  self_points: number;
  self_level: EvaluationLevel;
  self_tasks_exceeding: number;
  proposed_level: EvaluationLevel;
  decided_level: EvaluationLevel;
  quota_reason: string | null;
  self_at: Date;
  proposed_at: Date;
  decided_at: Date;
  announced_at: Date;
  rules_id: string;
  evidence: Record<string, unknown>;
}

const rows = () =>
  db.query<Row>(
    `SELECT e.id, e.subject_kind, e.member_id, e.organization_id, e.holder_id, o.kind AS org_kind, e.step,
            e.self_points::float8 AS self_points, e.self_level, e.self_tasks_exceeding, e.proposed_level,
            e.decided_level, e.quota_reason, e.self_at, e.proposed_at, e.decided_at, e.announced_at, e.rules_id,
            e.evidence
       FROM evaluation e JOIN organization o ON o.id = e.organization_id
      WHERE e.year = 2025 ORDER BY e.id`,
  );

describe('createDemoEvaluations', () => {
  it('writes an announced 2025 evaluation for every cell and its members, and no 2026 review', async () => {
    const all = await rows();
    const rules = evaluationRulesFor(2025);
    const cells = all.filter((r) => r.subject_kind === 'organization');
    expect(cells.length).toBeGreaterThan(10);
    expect(cells.every((r) => r.org_kind === 'cell' || r.org_kind === 'grassroots_cell')).toBe(true);
    expect(all.filter((r) => r.subject_kind === 'member').length).toBeGreaterThan(members * 0.8);
    const holders = await db.query<{ id: string; kind: string }>(
      `SELECT DISTINCT o.id, o.kind FROM evaluation e JOIN organization o ON o.id = e.holder_id`,
    );
    expect(holders.every((h) => ['grassroots_committee', 'grassroots_cell'].includes(h.kind))).toBe(true);
    for (const r of all) {
      expect(r.step).toBe('announced');
      expect(r.rules_id).toBe(rules.id);
      expect(r.self_points).toBeGreaterThanOrEqual(0);
      expect(r.self_points).toBeLessThanOrEqual(100);
      expect(r.self_at < r.proposed_at && r.proposed_at < r.decided_at).toBe(true);
      expect(r.decided_at < r.announced_at).toBe(true);
      expect(r.self_at.toISOString() >= '2025-11-30').toBe(true);
      expect(r.announced_at.toISOString() < '2026-01-21').toBe(true);
      expect(Object.keys(r.evidence).sort()).toEqual([
        'announced',
        'decision',
        'proposal',
        'self_assessment',
      ]);
      // Proposed no higher than self-assessed, decided no higher than proposed.
      expect(evaluationLevelRank(r.proposed_level)).toBeGreaterThanOrEqual(evaluationLevelRank(r.self_level));
      expect(evaluationLevelRank(r.decided_level)).toBeGreaterThanOrEqual(
        evaluationLevelRank(r.proposed_level),
      );
    }
    const [{ n }] = (await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM evaluation WHERE year = 2026`,
    )) as [{ n: number }];
    expect(n).toBe(0);
  });

  it('keeps the excellent quota in every grassroots organisation but one, which records its reason', async () => {
    const all = await rows();
    const rules = evaluationRulesFor(2025);
    const groups = new Map<string, Row[]>();
    for (const r of all) {
      const key = `${r.holder_id}:${r.subject_kind}`;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    let exceeded = 0;
    for (const list of groups.values()) {
      const check = quotaCheck(
        list.map((r) => r.decided_level),
        rules,
      );
      const reasons = list.filter((r) => r.quota_reason !== null);
      if (check.exceeded) {
        exceeded++;
        expect(reasons.length).toBe(check.excellent - check.allowedExcellent);
        expect(reasons.every((r) => r.decided_level === 'excellent')).toBe(true);
      } else {
        expect(reasons).toEqual([]);
      }
    }
    expect(exceeded).toBeLessThanOrEqual(1);
  });

  it('never decides above what the recorded facts allow; reprimanded members are not completed', async () => {
    const all = await rows();
    const rules = evaluationRulesFor(2025);
    const memberRows = all.filter((r) => r.subject_kind === 'member');
    const tasks = await memberTasks(
      db,
      memberRows.map((r) => r.member_id!),
      2025,
    );
    const discipline = await memberDiscipline(
      db,
      memberRows.map((r) => r.member_id!),
      2025,
    );
    expect(discipline.length).toBeGreaterThanOrEqual(2);
    expect(discipline.every((d) => d.form === 'reprimand')).toBe(true);
    const disciplined = new Set(discipline.map((d) => d.memberId));
    const disciplinedCells = new Set(
      memberRows.filter((r) => disciplined.has(r.member_id)).map((r) => r.organization_id),
    );
    for (const r of all) {
      const t =
        r.subject_kind === 'member'
          ? tasks.get(r.member_id!)!
          : await organizationTasks(db, r.organization_id, 2025);
      const own = r.subject_kind === 'member' && disciplined.has(r.member_id);
      const allowed = highestAllowedLevel(rules, {
        points: r.self_points,
        tasksTotal: t.total,
        tasksOnTime: t.onTime,
        tasksLate: t.late,
        tasksExceeding: r.self_tasks_exceeding,
        tasksNotDone: t.notDone,
        disqualifiers: own ? ['kỷ luật'] : [],
        excellentBlockers:
          r.subject_kind === 'organization' && disciplinedCells.has(r.organization_id) ? ['kỷ luật'] : [],
      }).level;
      expect(evaluationLevelRank(r.self_level)).toBeGreaterThanOrEqual(evaluationLevelRank(allowed));
      expect(evaluationLevelRank(r.decided_level)).toBeGreaterThanOrEqual(evaluationLevelRank(allowed));
      if (own) expect(r.decided_level).toBe('not_completed');
    }
  });

  it('enters the "bốn tốt" criteria the app has no facts for, with evidence', async () => {
    const entries = await db.query<{ kind: string; criterion: string; evidence: string; year: number }>(
      `SELECT o.kind, f.criterion, f.evidence, f.year FROM four_good_entry f
         JOIN organization o ON o.id = f.organization_id`,
    );
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.year === 2025 && e.evidence.trim().length > 20)).toBe(true);
    expect(entries.some((e) => e.kind === 'grassroots_committee' && e.criterion === 'political_task')).toBe(
      true,
    );
    expect(entries.some((e) => e.criterion === 'meeting_quality')).toBe(true);
  });
});
