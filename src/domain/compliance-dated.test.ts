// The dated findings kept in summary tables give, on every day, exactly the findings computed that day.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './dates.ts';
import {
  complianceFindings,
  datedComplianceFindings,
  type MeetingFacts,
  monthJudgedFrom,
} from './compliance.ts';
import { builtInRuleSets, ruleSetInForce } from './meeting-rules.ts';

const ruleSetFor = (d: string) => ruleSetInForce(builtInRuleSets, d)!;
const quangBinh = builtInRuleSets.find((r) => r.id === 'quang-binh-03-nq-duk-2021')!;
const pad = (n: number) => String(n).padStart(2, '0');

const meetingArb = (year: number) =>
  fc
    .record({
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
      kind: fc.constantFrom('regular', 'thematic', 'regular_thematic', 'committee'),
      status: fc.constantFrom('planned', 'held', 'adopted', 'cancelled'),
      minutes: fc.integer({ min: 30, max: 200 }),
      materialsLead: fc.option(fc.integer({ min: -3, max: 5 })),
      finalisedAfter: fc.option(fc.integer({ min: 0, max: 20 })),
      combined: fc.boolean(),
    })
    .map((r): MeetingFacts => {
      const date = `${year}-${pad(r.month)}-${pad(r.day)}`;
      return {
        id: '',
        kind: r.kind as MeetingFacts['kind'],
        status: r.status as MeetingFacts['status'],
        forMonth: date.slice(0, 7),
        date,
        dateReason: null,
        startedAt: `${date}T07:30:00+07:00`,
        endedAt: new Date(Date.parse(`${date}T07:30:00+07:00`) + r.minutes * 60_000).toISOString(),
        materialsPublishedAt:
          r.materialsLead === null ? null : `${addDays(date, -r.materialsLead)}T08:00:00+07:00`,
        finalisedAt: r.finalisedAfter === null ? null : `${addDays(date, r.finalisedAfter)}T08:00:00+07:00`,
        combinedWithOther: r.combined,
        ruleSet: ruleSetFor(date),
      };
    });

describe('dated compliance findings', () => {
  it('filtered by due date on any day, they are the findings computed on that day', () => {
    fc.assert(
      fc.property(
        fc.array(meetingArb(2026), { maxLength: 14 }),
        fc.integer({ min: 0, max: 500 }),
        fc.option(
          fc.record({ from: fc.integer({ min: 1, max: 12 }), len: fc.integer({ min: 1, max: 400 }) }),
        ),
        (drawn, offset, cell) => {
          const meetings = drawn.map((m, i) => ({ ...m, id: `m${i}` }));
          const today = addDays('2026-01-01', offset);
          const periods = cell
            ? [{ from: `2026-${pad(cell.from)}-01`, to: addDays(`2026-${pad(cell.from)}-01`, cell.len) }]
            : undefined;
          const input = { meetings, from: '2026-01', to: '2026-12', ruleSetFor, periods };
          const expected = complianceFindings({ ...input, today });
          const dated = datedComplianceFindings(input).filter((f) => f.due <= today);
          expect(dated.map(({ due: _due, ...f }) => f)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a missing month is due when its time is over, later under a last-week rule', () => {
    expect(monthJudgedFrom('2026-03', ruleSetFor('2026-03-01'))).toBe('2026-04-01');
    expect(monthJudgedFrom('2021-11', quangBinh)).toBe('2021-12-11');
    const dated = datedComplianceFindings({ meetings: [], from: '2026-03', to: '2026-03', ruleSetFor });
    expect(dated.map((f) => [f.code, f.due])).toEqual([['no_meeting', '2026-04-01']]);
  });
});
