// The demo laid out around the day of first start: whatever that day, the README tour works. History up to the
// day before, the next monthly meeting prepared with its materials on the next rule date (today on that date), a
// meeting the demo secretary can start today, no past meeting left planned, the current month not blamed before
// its rule date, and the last completed annual review before the day. One small demo per first-start day.
import { describe, expect, it } from 'vitest';
import { complianceFindings, type MeetingFacts } from '../../domain/compliance.ts';
import { addDays, todayIso } from '../../domain/dates.ts';
import { builtInRuleSets, governingRuleSet, plannedRegularMeetingDate } from '../../domain/meeting-rules.ts';
import type { MeetingKind, MeetingStatus } from '../../domain/meetings.ts';
import { isDayOff } from '../../domain/vietnam-calendar.ts';
import type { Database } from '../platform/db.ts';
import { makeClient } from '../testing/factories.ts';
import { createTestDatabase } from '../testing/test-db.ts';
import { createDemoData, demoPassword } from './demo-data.ts';
import { demoEvaluationYear } from './demo-evaluations.ts';
import { demoLocalRuleFrom, demoLocalRuleSetId } from './demo-meetings.ts';

const seed = 20250701;
const members = 100;

/** First-start days: the first week around the rule date (the 3rd), mid and end of month, 29 February of a leap
 * year, 31 December, and the eve of Tết 2027 (a day off). */
const days = [
  '2027-03-01',
  '2027-03-02',
  '2027-03-03',
  '2027-03-04',
  '2027-03-15',
  '2027-03-28',
  '2028-02-29',
  '2027-03-31',
  '2027-12-31',
  '2027-02-05',
];

const assignments = [{ ruleSetId: demoLocalRuleSetId, effectiveFrom: demoLocalRuleFrom, depth: 0 }];
const ruleSetFor = (date: string) => governingRuleSet(builtInRuleSets, assignments, date)!.ruleSet;

/** The next planned monthly meeting day on or after `day` under the rule set in force. */
function nextRuleDate(day: string): string {
  let y = Number(day.slice(0, 4));
  let m = Number(day.slice(5, 7));
  for (;;) {
    const planned = plannedRegularMeetingDate(
      ruleSetFor(`${y}-${String(m).padStart(2, '0')}-01`),
      y,
      m,
      isDayOff,
    );
    if (planned.date >= day) return planned.date;
    m = m === 12 ? 1 : m + 1;
    if (m === 1) y++;
  }
}

interface MeetingRow {
  id: string;
  kind: MeetingKind;
  status: MeetingStatus;
  for_month: string;
  planned_date: string;
  date_reason: string | null;
  rule_set_id: string;
  started_at: Date | null;
  ended_at: Date | null;
  notice_published_at: Date | null;
  adopted_at: Date | null;
  draft_resolution: string | null;
  notice_content: string | null;
  materials: number;
  agenda: number;
}

async function meetingsOf(db: Database, organizationId: string) {
  return db.query<MeetingRow>(
    `SELECT m.id, m.kind, m.status, m.for_month, m.planned_date, m.date_reason, m.rule_set_id, m.started_at,
            m.ended_at, m.notice_published_at, m.adopted_at, m.draft_resolution, m.notice_content,
            (SELECT count(*) FROM meeting_material mt JOIN meeting_material_version v ON v.material_id = mt.id
              WHERE mt.meeting_id = m.id AND v.size_bytes > 0)::int AS materials,
            (SELECT count(*) FROM meeting_agenda_item a WHERE a.meeting_id = m.id)::int AS agenda
       FROM meeting m WHERE m.organization_id = $1 ORDER BY m.planned_date, m.id`,
    [organizationId],
  );
}

const cellOfPhone = async (db: Database, phone: string) =>
  (
    await db.query<{ member_id: string; organization_id: string }>(
      `SELECT m.id AS member_id, ms.organization_id FROM member m
         JOIN membership ms ON ms.member_id = m.id AND ms.kind = 'official' AND ms.valid_to IS NULL
        WHERE m.phone = $1`,
      [phone],
    )
  )[0]!;

describe.each(days)('the demo first started on %s', (day) => {
  it('keeps every tour step workable that day', { timeout: 180_000 }, async () => {
    const db = await createTestDatabase();
    try {
      await createDemoData(db, { seed, members, today: day });
      const secretary = await cellOfPhone(db, '0900000002');
      const member = await cellOfPhone(db, '0900000003');
      expect(member.organization_id).toBe(secretary.organization_id);
      const meetings = await meetingsOf(db, secretary.organization_id);

      // No past meeting is left planned anywhere; nothing was held on or after the day.
      const [stale] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM meeting
          WHERE planned_date < $1 AND status IN ('planned', 'notified', 'in_session')`,
        [day],
      );
      expect(stale!.n, 'past meetings still planned').toBe(0);
      const [held] = await db.query<{ n: number; recent: number }>(
        `SELECT count(*) FILTER (WHERE planned_date >= $1)::int AS n,
                count(*) FILTER (WHERE planned_date >= $1::date - 40 AND planned_date < $1)::int AS recent
           FROM meeting WHERE status IN ('held', 'adopted')`,
        [day],
      );
      expect(held!.n, 'held on or after the day').toBe(0);
      // History runs up to the day before: the last month's meetings are there.
      expect(held!.recent).toBeGreaterThan(0);

      // The member's next monthly meeting: on the next rule date, prepared with content, draft and materials.
      const next = meetings.filter(
        (m) => (m.kind === 'regular' || m.kind === 'regular_thematic') && m.planned_date >= day,
      );
      expect(next).toHaveLength(1);
      expect(next[0]!.planned_date).toBe(nextRuleDate(day));
      expect(next[0]!.status).toBe('planned');
      expect(next[0]!.draft_resolution).toMatch(/Dự thảo nghị quyết/);
      expect(next[0]!.notice_content).toMatch(/thông báo triệu tập/);
      expect(next[0]!.materials).toBe(2);
      expect(next[0]!.agenda).toBeGreaterThan(8);
      const [onRoll] = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM meeting_attendance WHERE meeting_id = $1 AND member_id = $2',
        [next[0]!.id, member.member_id],
      );
      expect(onRoll!.n).toBe(1);

      // A meeting of the secretary's cell on the day itself, not started, that the secretary leads.
      const todays = meetings.filter((m) => m.planned_date === day);
      expect(todays).toHaveLength(1);
      const live = todays[0]!;
      expect(['planned', 'notified']).toContain(live.status);
      expect(live.kind).toBe(next[0]!.planned_date === day ? 'regular' : 'extraordinary');
      expect(live.materials).toBe(2);
      const [leads] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM position
          WHERE member_id = $1 AND organization_id = $2 AND kind = 'secretary'
            AND valid_from <= $3 AND (valid_to IS NULL OR valid_to > $3)`,
        [secretary.member_id, secretary.organization_id, day],
      );
      expect(leads!.n).toBe(1);
      // Nothing else of the cell is open: the tour's two meetings are the only ones not yet held.
      expect(meetings.filter((m) => !['held', 'adopted'].includes(m.status))).toHaveLength(
        next[0]!.planned_date === day ? 1 : 2,
      );

      // Compliance of the current month is not blamed before its rule date (nor is any later month).
      const facts: MeetingFacts[] = meetings.map((m) => ({
        id: m.id,
        kind: m.kind,
        status: m.status,
        forMonth: m.for_month,
        date: m.planned_date,
        dateReason: m.date_reason,
        startedAt: m.started_at?.toISOString() ?? null,
        endedAt: m.ended_at?.toISOString() ?? null,
        materialsPublishedAt: m.notice_published_at?.toISOString() ?? null,
        finalisedAt: m.adopted_at?.toISOString() ?? null,
        combinedWithOther: false,
        ruleSet: builtInRuleSets.find((r) => r.id === m.rule_set_id)!,
      }));
      const findings = complianceFindings({
        meetings: facts,
        from: `${day.slice(0, 4)}-01`,
        to: day.slice(0, 7),
        today: day,
        ruleSetFor,
      });
      const blamed = findings.filter((f) => f.meetingId === null && f.period >= day.slice(0, 7));
      expect(blamed).toEqual([]);

      // Scorecards and evaluations stay in the past; the last completed review is of the right year.
      const [late] = await db.query<{ cards: number; evaluations: number }>(
        `SELECT (SELECT count(*) FROM scorecard WHERE submitted_at >= ($1::date - interval '7 hours'))::int AS cards,
                (SELECT count(*) FROM evaluation WHERE announced_at >= ($1::date - interval '7 hours'))::int
                  AS evaluations`,
        [day],
      );
      expect(late).toEqual({ cards: 0, evaluations: 0 });
      const years = await db.query<{ year: number }>('SELECT DISTINCT year FROM evaluation ORDER BY year');
      expect(years.map((y) => y.year)).toEqual([demoEvaluationYear(day)]);
      expect(demoEvaluationYear(day)).toBe(Number(day.slice(0, 4)) - (day.slice(5) > '01-20' ? 1 : 2));
      // The open tasks of the demo cell's last meeting fall due around the day, some already overdue.
      const [tasks] = await db.query<{ open: number }>(
        `SELECT count(*)::int AS open FROM task WHERE status = 'open' AND deadline >= $1`,
        [addDays(day, -60)],
      );
      expect(tasks!.open).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
  });
});

describe('the demo first started today', () => {
  it(
    'lets the demo secretary start today’s meeting and shows the member the next one with its materials',
    {
      timeout: 180_000,
    },
    async () => {
      const db = await createTestDatabase();
      try {
        await createDemoData(db, { seed, members });
        const { signIn } = makeClient(db);
        const today = todayIso();
        const member = await signIn('0900000003', demoPassword);
        const mine = (await (await member('/api/me/meetings')).json()) as {
          upcoming: { id: string; kind: string; plannedDate: string; materialsCount: number }[];
        };
        const regular = mine.upcoming.find((m) => m.kind === 'regular' || m.kind === 'regular_thematic');
        expect(regular?.plannedDate).toBe(nextRuleDate(today));
        expect(regular?.materialsCount).toBe(2);
        const todays = mine.upcoming.find((m) => m.plannedDate === today);
        expect(todays, 'a meeting today').toBeDefined();

        const secretary = await signIn('0900000002', demoPassword);
        const detail = (await (await secretary(`/api/meetings/${todays!.id}`)).json()) as {
          actions: string[];
        };
        expect(detail.actions).toContain('start');
        const started = await secretary(`/api/meetings/${todays!.id}/start`, { method: 'POST' });
        expect(started.status, await started.clone().text()).toBe(200);
        const room = (await (await member(`/api/meetings/${todays!.id}`)).json()) as {
          status: string;
          actions: string[];
        };
        expect(room.status).toBe('in_session');
        expect(room.actions).toContain('check_in');
      } finally {
        await db.close();
      }
    },
  );
});
