import { describe, expect, it } from 'vitest';
import { renderVi } from '../messages/index.ts';
import {
  type AttendanceEntry,
  formatPercentVi,
  showOfHandsProblem,
  summarizeAttendance,
  voteEligibility,
  voteResult,
} from './meeting-attendance.ts';
import { votingRulesInForce } from './voting-rules.ts';

function entry(
  memberId: string,
  status: AttendanceEntry['status'],
  more: Partial<Omit<AttendanceEntry, 'memberId' | 'status'>> = {},
): AttendanceEntry {
  return { memberId, memberClass: 'full', temporary: false, exempt: false, status, ...more };
}

describe('meetings: summarizeAttendance', () => {
  it('counts an empty roll', () => {
    const s = summarizeAttendance([]);
    expect(s).toMatchObject({ total: 0, base: 0, rate: null, voteBase: 0, eligiblePresent: 0 });
  });

  it('splits a mixed roll', () => {
    const roll: AttendanceEntry[] = [
      entry('a', 'present'),
      entry('b', 'present'),
      entry('c', 'present'),
      entry('d', 'absent_excused'),
      entry('e', 'absent_unexcused'),
      entry('f', null),
      entry('p1', 'present', { memberClass: 'probationary' }),
      entry('p2', 'absent_excused', { memberClass: 'probationary' }),
      entry('t1', 'present', { temporary: true }),
      entry('t2', 'present', { temporary: true, memberClass: 'probationary' }),
      entry('x1', null, { exempt: true }),
      entry('x2', 'present', { exempt: true }),
      entry('x3', 'exempt'),
    ];
    expect(summarizeAttendance(roll)).toEqual({
      total: 13,
      full: 10,
      probationary: 3,
      temporary: 2,
      exempt: 3,
      present: 7,
      presentFull: 5,
      presentProbationary: 2,
      presentTemporary: 2,
      absentExcused: 2,
      absentUnexcused: 1,
      unmarked: 1,
      base: 10,
      rate: 0.6,
      // a, b, c, d, e, f and the exempt member x2 who came (QĐ 24-QĐ/TW, 9.3.2)
      voteBase: 7,
      eligiblePresent: 4,
    });
  });

  it.each([
    [[entry('a', 'present'), entry('b', 'present')], 1, 2, 2],
    [[entry('a', 'present'), entry('b', 'absent_excused')], 0.5, 2, 1],
    [[entry('a', 'exempt'), entry('b', 'present')], 1, 1, 1],
    [[entry('a', null, { exempt: true })], null, 0, 0],
    [[entry('a', 'present', { memberClass: 'probationary' })], 1, 0, 0],
    [[entry('a', 'present', { temporary: true })], 1, 0, 0],
  ])('rate, vote base and eligible voters (%#)', (roll, rate, voteBase, eligiblePresent) => {
    const s = summarizeAttendance(roll);
    expect(s.rate).toBe(rate);
    expect(s.voteBase).toBe(voteBase);
    expect(s.eligiblePresent).toBe(eligiblePresent);
  });
});

describe('meetings: voteEligibility', () => {
  it.each([
    [entry('a', 'present'), true, null],
    [entry('a', 'present', { memberClass: 'probationary' }), false, 'Đảng viên dự bị không biểu quyết'],
    [
      entry('a', 'present', { temporary: true }),
      false,
      'Đảng viên sinh hoạt tạm thời không biểu quyết tại chi bộ nơi sinh hoạt tạm thời',
    ],
    // an exempt member who came votes and counts (QĐ 24-QĐ/TW, 9.3.2); one who did not is not counted
    [entry('a', 'present', { exempt: true }), true, null],
    [entry('a', 'exempt'), false, 'Đảng viên được miễn sinh hoạt, vắng mặt: không tính khi biểu quyết'],
    [
      entry('a', null, { exempt: true }),
      false,
      'Đảng viên được miễn sinh hoạt, vắng mặt: không tính khi biểu quyết',
    ],
    [entry('a', 'absent_excused'), false, 'Chỉ đảng viên có mặt mới được biểu quyết'],
    [entry('a', 'absent_unexcused'), false, 'Chỉ đảng viên có mặt mới được biểu quyết'],
    [entry('a', null), false, 'Chỉ đảng viên có mặt mới được biểu quyết'],
    // the class is named before the presence
    [
      entry('a', 'absent_excused', { memberClass: 'probationary' }),
      false,
      'Đảng viên dự bị không biểu quyết',
    ],
  ])('%o → %s %s', (e, eligible, reason) => {
    const r = voteEligibility(e);
    expect(r.eligible).toBe(eligible);
    expect(r.reason === null ? null : renderVi(r.reason)).toBe(reason);
    if (r.reason) expect(r.reason.code).toMatch(/^meeting\.vote\./);
  });

  it('agrees with the summary', () => {
    const roll = [
      entry('a', 'present'),
      entry('b', 'present', { memberClass: 'probationary' }),
      entry('c', 'present', { temporary: true }),
      entry('d', 'present', { exempt: true }),
      entry('e', 'absent_excused'),
    ];
    expect(roll.filter((e) => voteEligibility(e).eligible).length).toBe(
      summarizeAttendance(roll).eligiblePresent,
    );
  });
});

describe('meetings: voteResult', () => {
  const rules = votingRulesInForce('2026-03-03');

  it.each([
    // more than half of the vote base
    ['decision', 7, 14, false],
    ['decision', 8, 14, true],
    ['other', 7, 14, false],
    ['other', 8, 15, true],
    ['decision', 7, 13, true],
    // at least two thirds
    ['admission', 9, 14, false],
    ['admission', 10, 14, true],
    ['admission', 10, 15, true],
    ['admission', 9, 15, false],
    ['admission', 0, 0, false],
    ['decision', 0, 0, false],
  ] as const)('%s: %i of %i passes %s', (kind, forCount, base, passed) => {
    const r = voteResult(kind, { for: forCount, against: 0, abstain: 0 }, base, base, rules);
    expect(r.passed).toBe(passed);
    expect(r.threshold).toEqual(kind === 'admission' ? rules.admission : rules.decision);
  });

  it('takes the share of the whole vote base, not of those present', () => {
    // 8 of 14 members present all approve: 8/14 is more than half
    const r = voteResult('decision', { for: 8, against: 0, abstain: 0 }, 14, 8, rules);
    expect(r.passed).toBe(true);
    // 7 present all approve: 7/14 is not more than half
    expect(voteResult('decision', { for: 7, against: 0, abstain: 0 }, 14, 7, rules).passed).toBe(false);
  });

  it('writes the vote line and counts those who did not vote', () => {
    expect(voteResult('decision', { for: 12, against: 1, abstain: 0 }, 14, 14, rules)).toEqual({
      forCount: 12,
      againstCount: 1,
      abstainCount: 0,
      notVoted: 1,
      base: 14,
      share: 12 / 14,
      passed: true,
      threshold: rules.decision,
      line: {
        code: 'meeting.vote.tally_share',
        params: {
          for: 12,
          base: 14,
          share: {
            code: 'number.percent',
            params: { value: { code: 'number.decimal', params: { whole: '85', fraction: '7' } } },
          },
        },
      },
    });
    expect(renderVi(voteResult('decision', { for: 12, against: 1, abstain: 0 }, 14, 14, rules).line)).toBe(
      '12/14 đồng chí tán thành, đạt 85,7%',
    );
  });

  it.each([
    [{ for: 14, against: 0, abstain: 0 }, 14, '14/14 đồng chí tán thành, đạt 100%'],
    [{ for: 10, against: 3, abstain: 2 }, 15, '10/15 đồng chí tán thành, đạt 66,7%'],
    [{ for: 1, against: 0, abstain: 1 }, 2, '1/2 đồng chí tán thành, đạt 50%'],
    [{ for: 0, against: 0, abstain: 0 }, 0, '0/0 đồng chí tán thành'],
    [{ for: 2, against: 1, abstain: 0 }, 3, '2/3 đồng chí tán thành, đạt 66,7%'],
  ])('line for %o of %i: %s', (counts, base, line) => {
    const r = voteResult('decision', counts, base, base, rules);
    expect(renderVi(r.line)).toBe(line);
    expect(r.notVoted).toBe(base - counts.for - counts.against - counts.abstain);
  });

  it('never reports a negative number of non-voters', () => {
    expect(voteResult('decision', { for: 5, against: 0, abstain: 0 }, 10, 3, rules).notVoted).toBe(0);
  });
});

describe('meetings: formatPercentVi', () => {
  it.each([
    [0.857142, undefined, '85,7%'],
    [1, undefined, '100%'],
    [0, undefined, '0%'],
    [0.5, undefined, '50%'],
    [2 / 3, undefined, '66,7%'],
    [1 / 3, undefined, '33,3%'],
    [0.85, undefined, '85%'],
    [0.9996, undefined, '100%'],
    [0.857142, 2, '85,71%'],
    [0.857142, 0, '86%'],
    [0.125, 2, '12,5%'],
  ])('%f (%s digits) → %s', (share, digits, text) => {
    expect(formatPercentVi(share, digits)).toBe(text);
  });
});

describe('meetings: showOfHandsProblem', () => {
  it.each([
    [{ for: 10, against: 2, abstain: 1 }, 13, null],
    [{ for: 0, against: 0, abstain: 0 }, 0, null],
    [{ for: 10, against: 2, abstain: 0 }, 13, null],
    [{ for: 10, against: 2, abstain: 2 }, 13, /Tổng số biểu quyết \(14\) vượt quá .*\(13\)/],
    [{ for: 1, against: 0, abstain: 0 }, 0, /vượt quá/],
    [{ for: -1, against: 0, abstain: 0 }, 5, /số nguyên không âm/],
    [{ for: 1.5, against: 0, abstain: 0 }, 5, /số nguyên không âm/],
    [{ for: 1, against: Number.NaN, abstain: 0 }, 5, /số nguyên không âm/],
  ])('%o with %i eligible present', (counts, eligible, expected) => {
    const problem = showOfHandsProblem(counts, eligible);
    if (expected === null) expect(problem).toBeNull();
    else expect(renderVi(problem!)).toMatch(expected);
  });

  it('says which counts are wrong by code', () => {
    expect(showOfHandsProblem({ for: 10, against: 2, abstain: 2 }, 13)).toEqual({
      code: 'meeting.vote.counts_exceed',
      params: { sum: 14, eligible: 13 },
    });
    expect(showOfHandsProblem({ for: -1, against: 0, abstain: 0 }, 5)?.code).toBe(
      'meeting.vote.counts_not_whole',
    );
  });
});
