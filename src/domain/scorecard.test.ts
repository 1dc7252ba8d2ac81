import { describe, expect, it } from 'vitest';
import { monthScorecards } from './scorecard.ts';

describe('monthScorecards', () => {
  it('splits the self scorecard from the outside ones and averages the outside percents', () => {
    const rows = [
      { scorer_kind: 'committee', percent: 80 },
      { scorer_kind: 'self', percent: 95 },
      { scorer_kind: 'supervision', percent: 70 },
    ];
    const m = monthScorecards(rows);
    expect(m.self).toBe(rows[1]);
    expect(m.outside).toEqual([rows[0], rows[2]]);
    expect(m.outsidePercent).toBe(75);
  });

  it('has no outside percent without outside scorers', () => {
    expect(monthScorecards([{ scorer_kind: 'self', percent: 60 }]).outsidePercent).toBeNull();
    expect(monthScorecards([])).toEqual({ self: undefined, outside: [], outsidePercent: null });
  });
});
