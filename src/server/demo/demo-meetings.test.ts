// The demo meeting history: a meeting every month but for the deliberate gaps, consistent numbering, votes,
// rolls and references, and an upcoming meeting for the demo cell secretary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInRuleSets, governingRuleSet } from '../../domain/meeting-rules.ts';
import { formatDecisionNumber } from '../../domain/decision-numbers.ts';
import type { Database } from '../platform/db.ts';
import { createTestDatabase } from '../testing/test-db.ts';
import { createDemoData } from './demo-data.ts';
import { demoLocalRuleFrom, demoLocalRuleSetId } from './demo-meetings.ts';

const members = 300;
const seed = 20250701;
const today = '2026-11-22';
let db: Database;
let twin: Database;

beforeAll(async () => {
  [db, twin] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  await createDemoData(db, { seed, members, today });
  await createDemoData(twin, { seed, members, today });
});

afterAll(async () => {
  await db?.close();
  await twin?.close();
});

const count = async (sql: string, params: unknown[] = []) =>
  (await db.query<{ n: number }>(sql, params))[0]!.n;

describe('createDemoMeetings', () => {
  it('holds a regular meeting in nearly every month of every cell open throughout', async () => {
    // Cells open over the whole history (none created or closed within it) with members to meet all along;
    // smaller ones skip the months in which fewer than three members could meet.
    const rows = await db.query<{ organization_id: string; months: number }>(
      `SELECT o.id AS organization_id,
              (SELECT count(DISTINCT m.for_month)::int FROM meeting m WHERE m.organization_id = o.id
                  AND m.kind IN ('regular', 'regular_thematic') AND m.status = 'adopted') AS months
         FROM organization o
        WHERE o.kind IN ('cell', 'grassroots_cell') AND o.valid_from <= '2024-11-01' AND o.valid_to IS NULL
          AND (SELECT count(*) FROM membership ms WHERE ms.organization_id = o.id AND ms.kind = 'official'
                AND ms.valid_from <= '2024-11-01' AND ms.valid_to IS NULL
                AND NOT EXISTS (SELECT 1 FROM exemption e WHERE e.member_id = ms.member_id)) >= 6`,
    );
    expect(rows.length).toBeGreaterThan(5);
    // History: November 2024 up to the month whose meeting day has passed (3 November 2026), 25 months.
    const expected = 25;
    let missing = 0;
    for (const r of rows) {
      expect(r.months).toBeLessThanOrEqual(expected);
      // A gap is a deliberate lapse (about 3% of months), never a long silence.
      expect(r.months, r.organization_id).toBeGreaterThanOrEqual(expected - 5);
      missing += expected - r.months;
    }
    const share = missing / (rows.length * expected);
    expect(share).toBeGreaterThan(0);
    expect(share).toBeLessThan(0.08);
    // Nothing held on or after today.
    expect(
      await count(`SELECT count(*)::int AS n FROM meeting WHERE status = 'adopted' AND planned_date >= $1`, [
        today,
      ]),
    ).toBe(0);
  });

  it('records the rule set that governed each month, with the province’s local rule before Chỉ thị 50', async () => {
    const assigned = await db.query<{ rule_set_id: string; effective_from: string; kind: string }>(
      `SELECT a.rule_set_id, a.effective_from, o.kind FROM rule_set_assignment a
         JOIN organization o ON o.id = a.organization_id`,
    );
    expect(assigned).toEqual([
      { rule_set_id: demoLocalRuleSetId, effective_from: demoLocalRuleFrom, kind: 'provincial_committee' },
    ]);
    const months = await db.query<{ for_month: string; rule_set_id: string; rule_set_version: number }>(
      `SELECT DISTINCT for_month, rule_set_id, rule_set_version FROM meeting ORDER BY for_month`,
    );
    const assignments = [{ ruleSetId: demoLocalRuleSetId, effectiveFrom: demoLocalRuleFrom, depth: 0 }];
    for (const m of months) {
      const governing = governingRuleSet(builtInRuleSets, assignments, `${m.for_month}-01`)!.ruleSet;
      expect([m.rule_set_id, m.rule_set_version], m.for_month).toEqual([governing.id, governing.version]);
    }
    expect(months.find((m) => m.for_month === '2025-06')?.rule_set_id).toBe(demoLocalRuleSetId);
    expect(months.find((m) => m.for_month === '2026-01')?.rule_set_id).toBe('ct50-hd42-2025');
  });

  it('numbers decisions sequentially per cell, type and period', async () => {
    const rows = await db.query<{
      organization_id: string;
      type: 'NQ' | 'KL';
      period_key: string;
      seq: number;
      number: string;
      issued_on: string;
      planned_date: string;
    }>(
      `SELECT d.organization_id, d.type, d.period_key, d.seq, d.number, d.issued_on, m.planned_date
         FROM decision d JOIN meeting m ON m.id = d.meeting_id
        ORDER BY d.organization_id, d.type, d.period_key, d.issued_on, d.seq`,
    );
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.some((r) => r.type === 'KL')).toBe(true);
    expect(rows.some((r) => r.period_key.startsWith('term:'))).toBe(true);
    expect(rows.some((r) => r.period_key.startsWith('year:'))).toBe(true);
    let key = '';
    let expectedSeq = 0;
    for (const r of rows) {
      const k = `${r.organization_id}|${r.type}|${r.period_key}`;
      expectedSeq = k === key ? expectedSeq + 1 : 1;
      key = k;
      expect(r.seq, k).toBe(expectedSeq);
      expect(r.number).toBe(formatDecisionNumber(r.seq, r.type, 'CB'));
      expect(r.issued_on).toBe(r.planned_date);
      if (r.period_key.startsWith('year:')) expect(r.period_key).toBe(`year:${r.issued_on.slice(0, 4)}`);
    }
  });

  it('keeps vote counts within the eligible members present, who match the roll', async () => {
    const votes = await db.query<{
      for_count: number;
      against_count: number;
      abstain_count: number;
      vote_base: number;
      eligible_present: number;
      passed: boolean;
      roll_base: number;
      roll_present: number;
    }>(
      `SELECT v.for_count, v.against_count, v.abstain_count, v.vote_base, v.eligible_present, v.passed,
              count(a.*) FILTER (WHERE a.member_class = 'full' AND NOT a.temporary AND NOT a.exempt)::int AS roll_base,
              count(a.*) FILTER (WHERE a.member_class = 'full' AND NOT a.temporary AND NOT a.exempt
                                   AND a.status = 'present')::int AS roll_present
         FROM meeting_vote v JOIN meeting_attendance a ON a.meeting_id = v.meeting_id
        GROUP BY v.id`,
    );
    expect(votes.length).toBeGreaterThan(100);
    for (const v of votes) {
      expect(v.for_count + v.against_count + v.abstain_count).toBeLessThanOrEqual(v.eligible_present);
      expect(v.eligible_present).toBeLessThanOrEqual(v.vote_base);
      expect([v.vote_base, v.eligible_present]).toEqual([v.roll_base, v.roll_present]);
      expect(v.passed).toBe(2 * v.for_count > v.vote_base);
    }
  });

  it('puts on the roll only members whose membership covers the day, classed as of that day', async () => {
    expect(
      await count(
        `SELECT count(*)::int AS n FROM meeting_attendance a JOIN meeting m ON m.id = a.meeting_id
          WHERE NOT EXISTS (SELECT 1 FROM membership ms WHERE ms.member_id = a.member_id
                  AND ms.organization_id = m.organization_id AND ms.kind IN ('official', 'temporary')
                  AND ms.valid_from <= m.planned_date AND (ms.valid_to IS NULL OR ms.valid_to > m.planned_date))`,
      ),
    ).toBe(0);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM meeting_attendance a JOIN meeting m ON m.id = a.meeting_id
           JOIN member p ON p.id = a.member_id
          WHERE a.member_class <> CASE WHEN p.full_membership_date <= m.planned_date THEN 'full' ELSE 'probationary' END`,
      ),
    ).toBe(0);
    const [rate] = await db.query<{ present: number; base: number }>(
      `SELECT count(*) FILTER (WHERE a.status = 'present')::int AS present,
              count(*) FILTER (WHERE a.status IS DISTINCT FROM 'exempt' AND NOT a.exempt)::int AS base
         FROM meeting_attendance a JOIN meeting m ON m.id = a.meeting_id WHERE m.status = 'adopted'`,
    );
    expect(rate!.present / rate!.base).toBeGreaterThan(0.8);
    expect(rate!.present / rate!.base).toBeLessThan(0.97);
  });

  it('leaves no reference dangling (rows are written with foreign-key triggers skipped)', async () => {
    const orphans: Array<[string, string, string]> = [
      ['meeting_agenda_item', 'meeting_id', 'meeting'],
      ['meeting_attendance', 'meeting_id', 'meeting'],
      ['meeting_attendance', 'member_id', 'member'],
      ['meeting_guest', 'meeting_id', 'meeting'],
      ['meeting_contribution', 'meeting_id', 'meeting'],
      ['meeting_contribution', 'agenda_item_id', 'meeting_agenda_item'],
      ['meeting_contribution', 'member_id', 'member'],
      ['meeting_vote', 'meeting_id', 'meeting'],
      ['meeting_vote', 'agenda_item_id', 'meeting_agenda_item'],
      ['meeting', 'organization_id', 'organization'],
      ['meeting', 'thematic_topic_id', 'thematic_topic'],
      ['meeting', 'chair_member_id', 'member'],
      ['meeting', 'minute_taker_member_id', 'member'],
      ['meeting', 'preparer_member_id', 'member'],
      ['decision', 'meeting_id', 'meeting'],
      ['task', 'meeting_id', 'meeting'],
      ['task', 'reviewed_in_meeting_id', 'meeting'],
      ['task', 'assignee_member_id', 'member'],
      ['task', 'assignee_group_id', 'organization'],
      ['task_report', 'task_id', 'task'],
      ['thematic_topic', 'organization_id', 'organization'],
      ['work_programme', 'organization_id', 'organization'],
    ];
    for (const [table, column, target] of orphans) {
      const n = await count(
        `SELECT count(*)::int AS n FROM ${table} x
          WHERE x.${column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${target} t WHERE t.id = x.${column})`,
      );
      expect(n, `${table}.${column}`).toBe(0);
    }
  });

  it('reviews tasks at a later meeting of the same cell and leaves the latest ones open', async () => {
    expect(
      await count(
        `SELECT count(*)::int AS n FROM task t JOIN meeting a ON a.id = t.meeting_id
           JOIN meeting b ON b.id = t.reviewed_in_meeting_id
          WHERE b.organization_id <> a.organization_id OR b.planned_date <= a.planned_date
             OR t.deadline <= a.planned_date`,
      ),
    ).toBe(0);
    const byStatus = await db.query<{ status: string; n: number; overdue: number }>(
      `SELECT status, count(*)::int AS n, count(*) FILTER (WHERE deadline < $1)::int AS overdue FROM task GROUP BY status`,
      [today],
    );
    const of = (s: string) => byStatus.find((r) => r.status === s);
    expect(of('done')!.n).toBeGreaterThan(of('not_done')!.n * 3);
    expect(of('open')!.n).toBeGreaterThan(0);
    expect(of('open')!.overdue).toBeGreaterThan(0);
    expect(of('open')!.overdue).toBeLessThan(of('open')!.n);
    expect(
      await count(`SELECT count(*)::int AS n FROM task WHERE status = 'done' AND completed_on IS NULL`),
    ).toBe(0);
  });

  it('gives the demo cell secretary its next monthly meeting, prepared with agenda, roll and materials, notice not yet sent', async () => {
    const [m] = await db.query<{
      id: string;
      status: string;
      planned_date: string;
      chair_member_id: string;
      secretary: string;
      notice_content: string | null;
      notice_published_at: string | null;
      preparer_member_id: string | null;
    }>(
      `SELECT m.id, m.status, m.planned_date, m.chair_member_id, p.id AS secretary, m.notice_content,
              m.notice_published_at, m.preparer_member_id
         FROM member p JOIN membership ms ON ms.member_id = p.id AND ms.kind = 'official' AND ms.valid_to IS NULL
         JOIN meeting m ON m.organization_id = ms.organization_id AND m.planned_date >= $1
        WHERE p.phone = '0900000002' AND m.kind = 'regular'`,
      [today],
    );
    expect(m).toBeDefined();
    expect(m!.status).toBe('planned');
    expect(m!.planned_date).toBe('2026-12-03');
    expect(m!.chair_member_id).toBe(m!.secretary);
    expect(m!.notice_content).toContain('thông báo triệu tập');
    expect(m!.notice_published_at).toBeNull();
    expect(m!.preparer_member_id).not.toBeNull();
    expect(
      await count('SELECT count(*)::int AS n FROM meeting_agenda_item WHERE meeting_id = $1', [m!.id]),
    ).toBeGreaterThan(8);
    const roll = await db.query<{ status: string | null }>(
      'SELECT status FROM meeting_attendance WHERE meeting_id = $1',
      [m!.id],
    );
    expect(roll.length).toBeGreaterThan(3);
    expect(roll.every((r) => r.status === null)).toBe(true);
    expect(
      await count('SELECT count(*)::int AS n FROM meeting_material WHERE meeting_id = $1', [m!.id]),
    ).toBe(2);
    // Besides, an extraordinary meeting today, notified, that the secretary can start: the tour's live meeting.
    const open = await db.query<{ kind: string; status: string; planned_date: string }>(
      `SELECT kind, status, planned_date FROM meeting WHERE status <> 'adopted' ORDER BY planned_date`,
    );
    expect(open).toEqual([
      { kind: 'extraordinary', status: 'notified', planned_date: today },
      { kind: 'regular', status: 'planned', planned_date: '2026-12-03' },
    ]);
  });

  it('registers thematic topics and a work programme a year', async () => {
    const statuses = await db.query<{ status: string }>(
      `SELECT DISTINCT status FROM thematic_topic WHERE year = 2026 ORDER BY status`,
    );
    expect(statuses.map((s) => s.status)).toEqual(expect.arrayContaining(['approved', 'returned']));
    expect(
      await count(
        `SELECT count(*)::int AS n FROM thematic_topic WHERE status = 'returned' AND review_comment IS NULL`,
      ),
    ).toBe(0);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM meeting m LEFT JOIN thematic_topic t ON t.id = m.thematic_topic_id
          WHERE m.kind IN ('thematic', 'regular_thematic') AND (t.id IS NULL OR t.status <> 'approved')`,
      ),
    ).toBe(0);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM organization o WHERE o.kind IN ('cell', 'grassroots_cell') AND o.valid_to IS NULL
            AND NOT EXISTS (SELECT 1 FROM work_programme w WHERE w.organization_id = o.id AND w.year = 2026)`,
      ),
    ).toBe(0);
  });

  it('gives the same history for the same seed', async () => {
    const sql = `SELECT md5(string_agg(x, ',' ORDER BY x)) AS h FROM (
        SELECT m.id::text || m.planned_date || m.kind || coalesce(m.started_at::text, '') AS x FROM meeting m
        UNION ALL SELECT a.meeting_id::text || a.member_id || coalesce(a.status, '') FROM meeting_attendance a
        UNION ALL SELECT d.number || d.organization_id || d.period_key FROM decision d
        UNION ALL SELECT t.id::text || t.status || coalesce(t.completed_on::text, '') FROM task t) s`;
    const [a, b] = await Promise.all([db.query(sql), twin.query(sql)]);
    expect(b).toEqual(a);
  });
});
