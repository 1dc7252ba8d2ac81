import { describe, expect, it } from 'vitest';
import { organizationKinds } from '../contracts/organizations.ts';
import { formatDecisionNumber, issuerAbbreviation, numberingPeriodKey } from './decision-numbers.ts';

describe('meetings: decision numbers', () => {
  it.each([
    [3, 'NQ', 'CB', '03-NQ/CB'],
    [12, 'NQ', 'CB', '12-NQ/CB'],
    [1, 'KL', 'ĐU', '01-KL/ĐU'],
    [123, 'NQ', 'ĐUK', '123-NQ/ĐUK'],
  ] as const)('(%i, %s, %s) → %s', (seq, type, issuer, text) => {
    expect(formatDecisionNumber(seq, type, issuer)).toBe(text);
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects sequence %f', (seq) => {
    expect(() => formatDecisionNumber(seq, 'NQ', 'CB')).toThrow(/không hợp lệ/);
  });

  it.each([
    ['cell', 'CB'],
    ['grassroots_cell', 'CB'],
    ['grassroots_committee', 'ĐU'],
    ['subcommittee', 'ĐU'],
    ['bloc_committee', 'ĐUK'],
    ['district_committee', 'HU'],
    ['provincial_committee', 'TU'],
    ['central', 'TW'],
  ])('%s → %s', (kind, abbrev) => {
    expect(issuerAbbreviation(kind)).toBe(abbrev);
  });

  it('knows every organisation kind and refuses the others', () => {
    for (const k of organizationKinds) {
      if (k === 'party_group') expect(() => issuerAbbreviation(k)).toThrow(/Tổ đảng/);
      else expect(issuerAbbreviation(k)).toMatch(/^\S+$/);
    }
    expect(() => issuerAbbreviation('club')).toThrow(/club/);
    expect(() => issuerAbbreviation('toString')).toThrow(/toString/);
  });

  it.each([
    ['2025-08-15', '2026-03-03', 'term:2025-08-15'],
    [null, '2026-03-03', 'year:2026'],
    [null, '2025-12-31', 'year:2025'],
    ['', '2025-12-31', 'year:2025'],
  ])('numbering period of %s on %s → %s', (termStart, date, key) => {
    expect(numberingPeriodKey(termStart, date)).toBe(key);
  });
});
