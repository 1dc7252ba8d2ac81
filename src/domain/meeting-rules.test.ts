import { describe, expect, it } from 'vitest';
import {
  builtInRuleSets,
  checkMeetingDate,
  documentLabel,
  governingRuleSet,
  movedDateReason,
  plannedRegularMeetingDate,
  ruleSetInForce,
  type RuleSet,
  yearCalendar,
} from './meeting-rules.ts';
import { render, renderVi } from '../messages/index.ts';
import { dayOffLabel, dayOffName, isDayOff } from './vietnam-calendar.ts';

function byId(id: string): RuleSet {
  const r = builtInRuleSets.find((x) => x.id === id);
  if (!r) throw new Error(id);
  return r;
}
const ct50 = byId('ct50-2025');
const hd42 = byId('ct50-hd42-2025');
const quangBinh = byId('quang-binh-03-nq-duk-2021');

describe('meeting-rules: rule sets as data', () => {
  it('cites its documents', () => {
    expect(documentLabel(hd42.document)).toBe('Chỉ thị 50-CT/TW');
    expect(hd42.sources.map(documentLabel)).toEqual(['Chỉ thị 50-CT/TW', 'Hướng dẫn 42-HD/BTCTW']);
    expect(hd42.sources[1]).toMatchObject({ issuer: 'Ban Tổ chức Trung ương', date: '2025-10-28' });
    expect(quangBinh.document).toMatchObject({ number: '03-NQ/ĐUK', date: '2021-10-14' });
    expect(ct50.sources.some((s) => s.number === '12-HD/BTCTW' && s.date === '2018-07-06')).toBe(true);
    for (const r of builtInRuleSets) expect(r.sources).toContain(r.document);
  });

  it('holds the HD 42 parameters', () => {
    expect(hd42.parameters).toEqual({
      meetingDay: {
        kind: 'fixed_day',
        day: 3,
        windowFirstDay: 1,
        windowLastDay: 7,
        reasonRequiredOutsideFixedDay: true,
      },
      minDurationMinutes: 90,
      minCombinedDurationMinutes: 120,
      materialsLeadDays: 1,
      finaliseWithinDays: 2,
      thematicPerQuarter: 1,
      neverCombineWithOtherMeetings: true,
    });
    expect(ct50.parameters.minDurationMinutes).toBe(90);
    expect(quangBinh.parameters.meetingDay).toEqual({ kind: 'last_week', latestNextMonthDay: 10 });
  });

  it('has unique ids', () => {
    expect(new Set(builtInRuleSets.map((r) => r.id)).size).toBe(builtInRuleSets.length);
  });
});

describe('meeting-rules: ruleSetInForce', () => {
  it.each([
    ['2021-10-14', 'quang-binh-03-nq-duk-2021'],
    ['2021-11-26', 'quang-binh-03-nq-duk-2021'],
    ['2025-07-22', 'quang-binh-03-nq-duk-2021'],
    ['2025-07-23', 'ct50-2025'],
    ['2025-08-04', 'ct50-2025'],
    ['2025-10-27', 'ct50-2025'],
    ['2025-10-28', 'ct50-hd42-2025'],
    ['2026-02-03', 'ct50-hd42-2025'],
  ])('on %s picks %s', (date, id) => {
    expect(ruleSetInForce(builtInRuleSets, date).id).toBe(id);
  });

  it('ignores the order of the list and throws when none is in force', () => {
    expect(ruleSetInForce([...builtInRuleSets].reverse(), '2025-08-01').id).toBe('ct50-2025');
    expect(() => ruleSetInForce(builtInRuleSets, '2021-10-13')).toThrow(/2021-10-13/);
    expect(() => ruleSetInForce([], '2025-08-01')).toThrow();
  });

  it('prefers the higher version on the same day', () => {
    const v3 = { ...hd42, id: 'ct50-hd42-2025-v3', version: 3 };
    expect(ruleSetInForce([hd42, v3], '2026-01-01').id).toBe('ct50-hd42-2025-v3');
  });

  it('judges a 2021 date by the Quảng Bình rule and a 2025-08 date by CT 50', () => {
    const old = ruleSetInForce(builtInRuleSets, '2021-11-26');
    expect(checkMeetingDate(old, '2021-11-26')).toEqual([]);
    expect(checkMeetingDate(ruleSetInForce(builtInRuleSets, '2021-11-03'), '2021-11-03')).toHaveLength(1);
    const now = ruleSetInForce(builtInRuleSets, '2025-08-26');
    expect(checkMeetingDate(now, '2025-08-26').map((v) => v.code)).toEqual([
      'not_fixed_day',
      'outside_window',
    ]);
    expect(checkMeetingDate(ruleSetInForce(builtInRuleSets, '2025-09-03'), '2025-09-03')).toEqual([]);
  });
});

describe('meeting-rules: plannedRegularMeetingDate (CT 50)', () => {
  it('keeps the 3rd on a weekday', () => {
    expect(plannedRegularMeetingDate(hd42, 2025, 11, isDayOff)).toEqual({
      month: 11,
      date: '2025-11-03',
      reason: null,
      withinWindow: true,
    });
  });

  it('moves a Sunday 3rd to Monday the 4th', () => {
    expect(plannedRegularMeetingDate(ct50, 2025, 8, isDayOff)).toMatchObject({
      date: '2025-08-04',
      reason: 'day_off',
    });
  });

  it('moves a Saturday 3rd after New Year (January 2026) to Monday the 5th', () => {
    expect(plannedRegularMeetingDate(hd42, 2026, 1, isDayOff)).toMatchObject({
      date: '2026-01-05',
      reason: 'day_off',
    });
  });

  it('keeps Tuesday 3 February 2026, well before the Tết break (14–22/2)', () => {
    expect(plannedRegularMeetingDate(hd42, 2026, 2, isDayOff)).toMatchObject({
      date: '2026-02-03',
      reason: null,
    });
  });

  it('keeps Wednesday 3 September 2025 after the Quốc khánh days 1–2/9', () => {
    expect(isDayOff('2025-09-01')).toBe(true);
    expect(isDayOff('2025-09-02')).toBe(true);
    expect(plannedRegularMeetingDate(ct50, 2025, 9, isDayOff)).toMatchObject({
      date: '2025-09-03',
      reason: null,
    });
  });

  it('skips substitute days: September 2029 (3/9 and 4/9 nghỉ bù) → the 5th', () => {
    expect(plannedRegularMeetingDate(hd42, 2029, 9, isDayOff)).toMatchObject({
      date: '2029-09-05',
      reason: 'day_off',
    });
  });

  it('moves a Tết-bound 3rd: February 2022 (break 29/1–6/2) → Monday the 7th', () => {
    expect(plannedRegularMeetingDate(hd42, 2022, 2, isDayOff)).toMatchObject({
      date: '2022-02-07',
      reason: 'day_off',
    });
  });

  it('falls back to an earlier day in the window when the rest is off', () => {
    const offFrom3 = (iso: string) => Number(iso.slice(8, 10)) >= 3;
    expect(plannedRegularMeetingDate(hd42, 2026, 3, offFrom3)).toMatchObject({
      date: '2026-03-02',
      reason: 'day_off',
    });
  });

  it('keeps the 3rd, flagged, when the whole window is off', () => {
    expect(plannedRegularMeetingDate(hd42, 2026, 3, () => true)).toEqual({
      month: 3,
      date: '2026-03-03',
      reason: 'day_off',
      withinWindow: false,
    });
  });
});

describe('meeting-rules: plannedRegularMeetingDate (Quảng Bình 2021)', () => {
  it('plans the last working day of the month', () => {
    expect(plannedRegularMeetingDate(quangBinh, 2021, 11, isDayOff)).toMatchObject({
      date: '2021-11-30',
      reason: null,
    });
    // 31/10/2021 is a Sunday, 30/10 a Saturday.
    expect(plannedRegularMeetingDate(quangBinh, 2021, 10, isDayOff)).toMatchObject({
      date: '2021-10-29',
      reason: 'day_off',
    });
    expect(plannedRegularMeetingDate(quangBinh, 2024, 2, isDayOff)).toMatchObject({ date: '2024-02-29' });
  });
});

describe('meeting-rules: yearCalendar', () => {
  it('plans twelve CT 50 meetings for 2026', () => {
    const cal = yearCalendar(hd42, 2026, isDayOff);
    expect(cal.map((c) => c.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(cal.map((c) => c.date)).toEqual([
      '2026-01-05',
      '2026-02-03',
      '2026-03-03',
      '2026-04-03',
      '2026-05-04',
      '2026-06-03',
      '2026-07-03',
      '2026-08-03',
      '2026-09-03',
      '2026-10-05',
      '2026-11-03',
      '2026-12-03',
    ]);
    for (const c of cal) {
      expect(isDayOff(c.date)).toBe(false);
      expect(c.reason === null).toBe(c.date.endsWith('-03'));
      expect(checkMeetingDate(hd42, c.date, c.reason ?? undefined)).toEqual([]);
    }
  });

  it('plans twelve last-week meetings for 2022', () => {
    const cal = yearCalendar(quangBinh, 2022, isDayOff);
    expect(cal).toHaveLength(12);
    for (const c of cal) {
      expect(isDayOff(c.date)).toBe(false);
      expect(checkMeetingDate(quangBinh, c.date)).toEqual([]);
    }
  });
});

/** The violations with their Vietnamese words, as the app wrote them before messages had codes. */
const inVietnamese = (vs: ReturnType<typeof checkMeetingDate>) =>
  vs.map((v) => ({ code: v.code, message: renderVi(v.message) }));

describe('meeting-rules: checkMeetingDate', () => {
  it('accepts the 3rd without a reason', () => {
    expect(checkMeetingDate(hd42, '2026-03-03')).toEqual([]);
  });

  it('asks for a reason on the 5th', () => {
    expect(inVietnamese(checkMeetingDate(hd42, '2026-01-05'))).toEqual([
      { code: 'reason_required', message: 'Ngoài ngày 03 phải ghi lý do (Chỉ thị 50-CT/TW)' },
    ]);
    expect(checkMeetingDate(hd42, '2026-01-05')[0]!.message).toEqual({
      code: 'rules.date.reason_required',
      params: {
        day: '03',
        source: {
          code: 'document.citation',
          params: { type: { code: 'document.type.directive' }, number: '50-CT/TW' },
        },
      },
    });
    expect(render('en', checkMeetingDate(hd42, '2026-01-05')[0]!.message)).toBe(
      'A day other than day 03 needs a recorded reason (Directive 50-CT/TW)',
    );
    expect(checkMeetingDate(hd42, '2026-01-05', '   ')).toHaveLength(1);
    expect(checkMeetingDate(hd42, '2026-01-05', 'Ngày 03 là thứ Bảy')).toEqual([]);
  });

  it.each(['2026-01-01', '2026-01-07'])('allows %s, at the edges of the window, with a reason', (d) => {
    expect(checkMeetingDate(hd42, d, 'Trường hợp đặc biệt')).toEqual([]);
  });

  it('rejects the 8th even with a reason', () => {
    const expected = [
      {
        code: 'not_fixed_day',
        message: 'Sinh hoạt thường kỳ phải vào ngày 03 hằng tháng (Chỉ thị 50-CT/TW)',
      },
      { code: 'outside_window', message: 'Phải trong 7 ngày đầu tháng (Chỉ thị 50-CT/TW)' },
    ];
    expect(inVietnamese(checkMeetingDate(hd42, '2026-01-08'))).toEqual(expected);
    expect(inVietnamese(checkMeetingDate(hd42, '2026-01-08', 'Bận'))).toEqual(expected);
    expect(checkMeetingDate(hd42, '2026-01-28')).toHaveLength(2);
  });

  it('judges the Quảng Bình rule: last week, or up to the 10th of the next month with a reason', () => {
    expect(checkMeetingDate(quangBinh, '2021-11-24')).toEqual([]);
    expect(checkMeetingDate(quangBinh, '2021-11-23').map((v) => v.code)).toEqual(['not_last_week']);
    expect(checkMeetingDate(quangBinh, '2021-12-10').map((v) => v.code)).toEqual(['reason_required']);
    expect(checkMeetingDate(quangBinh, '2021-12-10', 'Trường hợp đặc biệt')).toEqual([]);
    expect(renderVi(checkMeetingDate(quangBinh, '2021-12-11')[0]!.message)).toBe(
      'Sinh hoạt thường kỳ vào tuần cuối tháng, chậm nhất ngày 10 tháng sau (Nghị quyết 03-NQ/ĐUK)',
    );
  });
});

describe('governingRuleSet', () => {
  const qb = { ruleSetId: 'quang-binh-03-nq-duk-2021', effectiveFrom: '2021-10-14', depth: 1 };
  it('uses national rule sets only where no local one was assigned', () => {
    expect(governingRuleSet(builtInRuleSets, [], '2024-05-01')).toBeNull();
    expect(governingRuleSet(builtInRuleSets, [], '2025-08-03')?.ruleSet.id).toBe('ct50-2025');
    expect(governingRuleSet(builtInRuleSets, [], '2025-12-03')?.ruleSet.id).toBe('ct50-hd42-2025');
  });
  it('lets an assigned local rule govern until a later national directive supersedes it', () => {
    expect(governingRuleSet(builtInRuleSets, [qb], '2021-10-13')).toBeNull();
    expect(governingRuleSet(builtInRuleSets, [qb], '2022-03-01')).toMatchObject({
      ruleSet: { id: 'quang-binh-03-nq-duk-2021' },
      inheritedFromDepth: 1,
    });
    expect(governingRuleSet(builtInRuleSets, [qb], '2025-07-23')?.ruleSet.id).toBe('ct50-2025');
  });
  it('prefers a later local assignment, and the deeper one on the same date', () => {
    const again = { ruleSetId: 'quang-binh-03-nq-duk-2021', effectiveFrom: '2026-01-01', depth: 2 };
    expect(governingRuleSet(builtInRuleSets, [qb, again], '2026-02-01')?.ruleSet.id).toBe(
      'quang-binh-03-nq-duk-2021',
    );
    const sameDay = { ruleSetId: 'quang-binh-03-nq-duk-2021', effectiveFrom: '2025-10-28', depth: 3 };
    expect(governingRuleSet(builtInRuleSets, [sameDay], '2025-11-01')).toMatchObject({
      inheritedFromDepth: 3,
    });
  });
  it('ignores unknown rule sets', () => {
    expect(
      governingRuleSet(
        builtInRuleSets,
        [{ ruleSetId: 'nope', effectiveFrom: '2020-01-01', depth: 0 }],
        '2024-01-01',
      ),
    ).toBeNull();
  });
});

describe('movedDateReason', () => {
  const ct50 = builtInRuleSets.find((r) => r.id === 'ct50-hd42-2025')!;
  it('names the day off that moved the meeting, and nothing when it stays on the 3rd', () => {
    const jan2027 = plannedRegularMeetingDate(ct50, 2027, 1, isDayOff);
    expect(jan2027.date).toBe('2027-01-04');
    expect(renderVi(movedDateReason(ct50, jan2027, 2027, dayOffName)!)).toBe(
      'Ngày 03/01 là ngày nghỉ (Chủ nhật)',
    );
    expect(renderVi(movedDateReason(ct50, jan2027, 2027, dayOffLabel)!)).toBe(
      'Ngày 03/01 là ngày nghỉ (Chủ nhật)',
    );
    expect(render('en', movedDateReason(ct50, jan2027, 2027, dayOffLabel)!)).toBe(
      '03/01 is a day off (Sunday)',
    );
    const dec2026 = plannedRegularMeetingDate(ct50, 2026, 12, isDayOff);
    expect(movedDateReason(ct50, dec2026, 2026, dayOffName)).toBeNull();
  });
});
