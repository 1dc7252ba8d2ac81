import { describe, expect, it } from 'vitest';
import { renderVi } from '../messages/index.ts';
import { documentLabel } from './meeting-rules.ts';
import {
  builtInVotingRules,
  meetsThreshold,
  quyDinh24of2021,
  type Threshold,
  thresholdLabel,
  thresholdText,
  votingRulesInForce,
} from './voting-rules.ts';

const half: Threshold = { numerator: 1, denominator: 2, strict: true };
const twoThirds: Threshold = { numerator: 2, denominator: 3, strict: false };

describe('voting-rules: data', () => {
  it('holds the Charter thresholds with their sources', () => {
    const r = votingRulesInForce('2026-03-03');
    expect(r.id).toBe('dieu-le-2011');
    expect(r.decision).toEqual(half);
    expect(r.admission).toEqual(twoThirds);
    expect(r.sources.map(documentLabel)).toEqual(['Điều lệ Đảng', 'Quy định 24-QĐ/TW']);
    expect(quyDinh24of2021).toEqual({
      number: '24-QĐ/TW',
      type: 'Quy định',
      issuer: 'Ban Chấp hành Trung ương',
      date: '2021-07-30',
    });
    expect(r.note).toMatch(/miễn công tác và sinh hoạt/);
  });

  it('has unique ids and at least one rule set', () => {
    expect(builtInVotingRules.length).toBeGreaterThan(0);
    expect(new Set(builtInVotingRules.map((r) => r.id)).size).toBe(builtInVotingRules.length);
  });

  it.each(['2011-01-19', '2021-07-29', '2021-07-30', '2025-10-28', '2030-01-01'])(
    'is in force on %s',
    (d) => {
      expect(votingRulesInForce(d).id).toBe('dieu-le-2011');
    },
  );

  it('throws before the Charter of 2011', () => {
    expect(() => votingRulesInForce('2011-01-18')).toThrow(/2011-01-18/);
  });
});

describe('voting-rules: meetsThreshold', () => {
  it.each([
    // more than half
    [7, 14, half, false],
    [8, 14, half, true],
    [7, 13, half, true],
    [6, 13, half, false],
    [1, 1, half, true],
    [0, 1, half, false],
    [2, 3, half, true],
    [1, 2, half, false],
    // at least two thirds
    [9, 14, twoThirds, false],
    [10, 14, twoThirds, true],
    [10, 15, twoThirds, true],
    [9, 15, twoThirds, false],
    [2, 3, twoThirds, true],
    [1, 3, twoThirds, false],
    [4, 6, twoThirds, true],
    [3, 5, twoThirds, false],
    [1, 1, twoThirds, true],
    // base 0 never passes
    [0, 0, half, false],
    [0, 0, twoThirds, false],
    [3, 0, twoThirds, false],
  ])('%i of %i against %o: %s', (forCount, base, t, expected) => {
    expect(meetsThreshold(forCount, base, t)).toBe(expected);
  });
});

describe('voting-rules: thresholdLabel', () => {
  it.each([
    [half, 'hơn 1/2'],
    [twoThirds, 'ít nhất 2/3'],
    [{ numerator: 1, denominator: 2, strict: false }, 'ít nhất 1/2'],
  ])('%o → %s', (t, label) => {
    expect(thresholdLabel(t)).toBe(label);
  });

  it.each([half, twoThirds])('says %o with the base as the room shows it, as before', (t) => {
    expect(renderVi(thresholdText(t))).toBe(`${thresholdLabel(t)} số đảng viên chính thức`);
  });
});
