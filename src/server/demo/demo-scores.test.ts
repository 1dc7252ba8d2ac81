// The demo scorecards: a submitted self-score for every adopted regular meeting, outside scores for some,
// totals and ratings as the engine computes them, and a few cells inflating their self-scores.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../domain/permissions.ts';
import { scoreScorecard } from '../../domain/scorecard.ts';
import { builtInScoringFrameworks } from '../../domain/scoring-frameworks.ts';
import type { Database } from '../platform/db.ts';
import { createTestDatabase } from '../testing/test-db.ts';
import { factsOfMeetings } from '../features/scoring/scoring-facts.ts';
import { ratingsOverview } from '../features/scoring/scoring.service.ts';
import { createDemoData } from './demo-data.ts';
import { demoScoringFrameworkId, demoScoringFrom } from './demo-scores.ts';

const members = 300;
const seed = 20250701;
const today = '2026-11-22';
let db: Database;
let provinceId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  await createDemoData(db, { seed, members, today });
  [{ id: provinceId }] = (await db.query<{ id: string }>(
    `SELECT id FROM organization WHERE kind = 'provincial_committee'`,
  )) as [{ id: string }];
});

afterAll(async () => {
  await db?.close();
});

const count = async (sql: string, params: unknown[] = []) =>
  (await db.query<{ n: number }>(sql, params))[0]!.n;

interface CardRow {
  id: string;
  meeting_id: string;
  organization_id: string;
  scorer_kind: 'self' | 'follower' | 'supervision';
  scorer_account_id: string | null;
  framework_id: string;
  framework_version: number;
  total: number;
  applicable_max: number;
  percent: number;
  rating: string | null;
  for_month: string;
  planned_date: string;
}

const cards = () =>
  db.query<CardRow>(
    `SELECT s.id, s.meeting_id, s.organization_id, s.scorer_kind, s.scorer_account_id, s.framework_id,
            s.framework_version, s.total::float8 AS total, s.applicable_max::float8 AS applicable_max,
            s.percent::float8 AS percent, s.rating, s.for_month, m.planned_date
       FROM scorecard s JOIN meeting m ON m.id = s.meeting_id
      ORDER BY s.meeting_id, s.scorer_kind, s.id`,
  );

describe('createDemoScores', () => {
  it('puts the provincial framework in force at the province root from the 2021 rule', async () => {
    const rows = await db.query<{ organization_id: string; framework_id: string; effective_from: string }>(
      'SELECT organization_id, framework_id, effective_from FROM scoring_framework_assignment',
    );
    expect(rows).toEqual([
      { organization_id: provinceId, framework_id: demoScoringFrameworkId, effective_from: demoScoringFrom },
    ]);
  });

  it('gives every adopted regular meeting exactly one submitted self-score', async () => {
    const meetings = await count(
      `SELECT count(*)::int AS n FROM meeting WHERE status = 'adopted' AND kind IN ('regular','regular_thematic')`,
    );
    expect(meetings).toBeGreaterThan(100);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM meeting m
          WHERE m.status = 'adopted' AND m.kind IN ('regular','regular_thematic')
            AND (SELECT count(*) FROM scorecard s WHERE s.meeting_id = m.id AND s.scorer_kind = 'self'
                   AND s.status = 'submitted') <> 1`,
      ),
    ).toBe(0);
    // Nothing else is scored, and every card belongs to its meeting's cell and month.
    expect(
      await count(
        `SELECT count(*)::int AS n FROM scorecard s JOIN meeting m ON m.id = s.meeting_id
          WHERE m.status <> 'adopted' OR m.kind NOT IN ('regular','regular_thematic')
             OR s.organization_id <> m.organization_id OR s.for_month <> m.for_month
             OR s.province_id <> m.province_id OR s.status <> 'submitted' OR s.submitted_at IS NULL
             OR s.submitted_at < m.adopted_at`,
      ),
    ).toBe(0);
  });

  it('scores with the framework governing each meeting, percent = total / applicable max', async () => {
    const all = await cards();
    for (const c of all) {
      expect(c.framework_id).toBe(c.planned_date < '2025-10-28' ? 'hd12-provincial-2018' : 'hd42-100-2025');
      expect(c.percent).toBeCloseTo(Math.round((c.total / c.applicable_max) * 10_000) / 100, 6);
      expect(c.rating).not.toBeNull();
      expect(c.total).toBeLessThanOrEqual(c.applicable_max);
    }
    expect(new Set(all.map((c) => c.framework_id)).size).toBe(2);
  });

  it('stores entries the engine agrees with: totals and ratings recomputed for a sample', async () => {
    const all = await cards();
    const sample = all.filter((_, i) => i % Math.ceil(all.length / 60) === 0);
    const facts = await factsOfMeetings(
      db,
      sample.map((c) => c.meeting_id),
    );
    const entries = await db.query<{
      scorecard_id: string;
      criterion_id: string;
      points: number | null;
      auto_points: number | null;
      override_reason: string | null;
    }>(
      `SELECT scorecard_id, criterion_id, points::float8 AS points, auto_points::float8 AS auto_points,
              override_reason FROM scorecard_entry WHERE scorecard_id = ANY($1::uuid[])`,
      [sample.map((c) => c.id)],
    );
    for (const c of sample) {
      const f = builtInScoringFrameworks.find((x) => x.id === c.framework_id)!;
      const mine = entries.filter((e) => e.scorecard_id === c.id);
      expect(mine.length).toBe(f.groups.reduce((s, g) => s + g.criteria.length, 0));
      const scorecard = scoreScorecard(
        f,
        mine
          .filter((e) => e.points !== null)
          .map((e) => ({ criterionId: e.criterion_id, points: e.points, overrideReason: e.override_reason })),
        facts.get(c.meeting_id)!,
      );
      expect(scorecard.problems).toEqual([]);
      expect(scorecard.complete).toBe(true);
      expect(scorecard.total).toBeCloseTo(c.total, 6);
      expect(scorecard.applicableMax).toBeCloseTo(c.applicable_max, 6);
      expect(scorecard.percent).toBeCloseTo(c.percent, 6);
      expect(scorecard.rating).toBe(c.rating);
      // The automatic values stored are the engine's.
      for (const x of scorecard.criteria) {
        expect(mine.find((e) => e.criterion_id === x.id)!.auto_points).toBe(x.auto?.points ?? null);
      }
    }
  });

  it('sets a few automatic values aside, each with a reason', async () => {
    const overridden = await db.query<{ points: number; auto_points: number; override_reason: string }>(
      `SELECT points::float8 AS points, auto_points::float8 AS auto_points, override_reason
         FROM scorecard_entry WHERE override_reason IS NOT NULL`,
    );
    expect(overridden.length).toBeGreaterThan(0);
    for (const e of overridden) {
      expect(e.points).not.toBe(e.auto_points);
      expect(e.override_reason.length).toBeGreaterThan(10);
    }
    // Automatic values otherwise stand: no value entered where the facts gave one.
    expect(
      await count(
        `SELECT count(*)::int AS n FROM scorecard_entry
          WHERE auto_points IS NOT NULL AND points IS NOT NULL AND override_reason IS NULL`,
      ),
    ).toBe(0);
  });

  it('has outside scores for some meetings, the demo follower among the scorers, lower than the self-scores', async () => {
    const all = await cards();
    const selfs = all.filter((c) => c.scorer_kind === 'self');
    const followers = all.filter((c) => c.scorer_kind === 'follower');
    expect(followers.length / selfs.length).toBeGreaterThan(0.2);
    expect(followers.length / selfs.length).toBeLessThan(0.5);
    expect(all.some((c) => c.scorer_kind === 'supervision')).toBe(true);
    const [follower] = await db.query<{ id: string }>(
      `SELECT a.id FROM account a JOIN member m ON m.id = a.member_id WHERE m.phone = '0900000007'`,
    );
    const followed = await db.query<{ organization_id: string }>(
      `SELECT organization_id FROM role_assignment WHERE role = 'follower' AND account_id = $1`,
      [follower!.id],
    );
    const byFollower = followers.filter((c) => c.scorer_account_id === follower!.id);
    expect(byFollower.length).toBeGreaterThan(0);
    for (const c of byFollower) {
      expect(followed.map((f) => f.organization_id)).toContain(c.organization_id);
    }
    const selfOf = new Map(selfs.map((c) => [c.meeting_id, c]));
    const gaps = all
      .filter((c) => c.scorer_kind !== 'self')
      .map((c) => selfOf.get(c.meeting_id)!.percent - c.percent);
    expect(gaps.every((g) => g >= 0)).toBe(true);
    expect(gaps.reduce((a, b) => a + b, 0) / gaps.length).toBeGreaterThan(2);
  });

  it('shows some cells, not most, as inflating their self-scores, with well-formed ratings', async () => {
    const [admin] = await db.query<{ id: string }>('SELECT id FROM account WHERE is_system_admin');
    const actor: Actor = { accountId: admin!.id, memberId: null, isSystemAdmin: true, scopes: [] };
    const overview = await ratingsOverview(db, actor, provinceId, 2025, 10, { limit: 200, cursor: null });
    expect(overview.months).toHaveLength(12);
    const scored = overview.cells.filter((c) => c.year.percent !== null);
    expect(scored.length).toBeGreaterThan(5);
    const inflated = scored.filter((c) => c.inflated);
    expect(inflated.length).toBeGreaterThan(0);
    expect(inflated.length).toBeLessThan(scored.length * 0.3);
    for (const c of inflated) expect(c.inflatedMeetings).toBeGreaterThanOrEqual(2);
    for (const c of scored) {
      expect(c.year.percent!).toBeGreaterThan(0);
      expect(c.year.percent!).toBeLessThanOrEqual(100);
      for (const w of c.weak) expect(overview.months).toContain(w);
    }
    const rated = overview.distribution.reduce((s, d) => s + d.good + d.fair + d.average + d.poor, 0);
    expect(rated).toBeGreaterThan(scored.length * 10);
  });
});
