import { describe, expect, it } from 'vitest';
import { render, renderVi } from '../messages/index.ts';
import { addDays } from './dates.ts';
import {
  UnsupportedYearError,
  dayOffLabel,
  dayOffName,
  dayOffReason,
  holidayOn,
  holidaysOf,
  hungKingsDay,
  isDayOff,
  lunarNewYear,
  lunarToSolar,
} from './vietnam-calendar.ts';

describe('vietnam-calendar: lunar calendar', () => {
  // Known mùng 1 Tết dates (Vietnamese calendar, UTC+7).
  it.each([
    [2020, '2020-01-25'],
    [2021, '2021-02-12'],
    [2022, '2022-02-01'],
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2028, '2028-01-26'],
    [2029, '2029-02-13'],
  ])('Tết %i is %s', (year, iso) => {
    expect(lunarNewYear(year)).toBe(iso);
  });

  it('Tết 2030 is 2 February in Vietnam (UTC+7), a day before China’s 3 February', () => {
    // The new moon is at about 16:07 UTC on 2030-02-02: 23:07 in Hà Nội, 00:07 in Beijing.
    expect(lunarNewYear(2030)).toBe('2030-02-02');
  });

  it('puts every Tết between 21 January and 20 February', () => {
    for (let y = 2020; y <= 2035; y++) {
      const tet = lunarNewYear(y);
      expect(tet >= `${y}-01-21` && tet <= `${y}-02-20`).toBe(true);
    }
  });

  it.each([
    [2020, '2020-04-02'],
    [2021, '2021-04-21'],
    [2022, '2022-04-10'],
    [2023, '2023-04-29'], // after the leap 2nd month of Quý Mão
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
  ])('Giỗ Tổ Hùng Vương %i is %s', (year, iso) => {
    expect(hungKingsDay(year)).toBe(iso);
  });

  it('converts other lunar days', () => {
    expect(lunarToSolar(2025, 8, 15)).toBe('2025-10-06'); // Tết Trung thu 2025
    expect(lunarToSolar(2024, 1, 15)).toBe('2024-02-24'); // Rằm tháng Giêng 2024
  });
});

describe('vietnam-calendar: days off', () => {
  it('knows weekends and working days', () => {
    expect(dayOffReason('2025-08-02')).toBe('weekend'); // Saturday
    expect(dayOffReason('2025-08-03')).toBe('weekend'); // Sunday
    expect(dayOffReason('2025-08-04')).toBeNull();
    expect(isDayOff('2025-08-04')).toBe(false);
    expect(dayOffName('2025-08-02')).toBe('Thứ bảy');
    expect(dayOffName('2025-08-03')).toBe('Chủ nhật');
    expect(dayOffName('2025-08-04')).toBeNull();
  });

  it('names every day off as a message with dayOffName’s words in Vietnamese', () => {
    for (let d = '2024-01-01'; d <= '2026-12-31'; d = addDays(d, 1)) {
      const label = dayOffLabel(d);
      expect(label === null ? null : renderVi(label), d).toBe(dayOffName(d));
    }
    expect(render('en', dayOffLabel('2025-08-03')!)).toBe('Sunday');
  });

  it('knows the fixed holidays by name', () => {
    expect(dayOffName('2026-01-01')).toBe('Tết Dương lịch');
    expect(dayOffName('2025-04-30')).toBe('Ngày Giải phóng miền Nam');
    expect(dayOffName('2025-05-01')).toBe('Quốc tế Lao động');
    expect(dayOffName('2025-09-02')).toBe('Quốc khánh');
    expect(dayOffName('2025-04-07')).toBe('Giỗ Tổ Hùng Vương');
    expect(dayOffReason('2026-01-01')).toBe('holiday');
  });

  it('gives Quốc khánh an adjacent day (1/9 or 3/9 as decreed), none in 2020', () => {
    expect(isDayOff('2025-09-01')).toBe(true);
    expect(isDayOff('2025-09-03')).toBe(false);
    expect(holidayOn('2024-09-03')?.name).toBe('Quốc khánh');
    expect(isDayOff('2024-09-04')).toBe(false);
    expect(holidayOn('2021-09-03')?.name).toBe('Quốc khánh');
    expect(isDayOff('2020-09-01')).toBe(false); // Tuesday; BLLĐ 2012 gave 2/9 only
    expect(holidayOn('2030-09-01')?.name).toBe('Quốc khánh'); // default
  });

  it('uses the decreed Tết break of 2026 (14–22/2)', () => {
    expect(dayOffName('2026-02-13')).toBeNull();
    for (let d = 14; d <= 22; d++) expect(dayOffName(`2026-02-${d}`)).toBe('Tết Nguyên đán');
    expect(isDayOff('2026-02-23')).toBe(false);
  });

  it('uses the decreed Tết breaks of 2020–2025', () => {
    expect(
      holidaysOf(2024)
        .filter((h) => h.name === 'Tết Nguyên đán')
        .map((h) => h.date),
    ).toEqual([
      '2024-02-08',
      '2024-02-09',
      '2024-02-10',
      '2024-02-11',
      '2024-02-12',
      '2024-02-13',
      '2024-02-14',
    ]);
    expect(isDayOff('2025-01-24')).toBe(false);
    expect(isDayOff('2025-02-02')).toBe(true);
    expect(isDayOff('2025-02-03')).toBe(false);
  });

  it('defaults Tết to the last day of the lunar year through mùng 4, plus substitutes', () => {
    // 2029: Tết on Tuesday 13/2 → 12–16/2, all weekdays.
    expect(
      holidaysOf(2029)
        .filter((h) => h.name === 'Tết Nguyên đán')
        .map((h) => h.date),
    ).toEqual(['2029-02-12', '2029-02-13', '2029-02-14', '2029-02-15', '2029-02-16']);
    // 2027: Tết on Saturday 6/2 → 5–9/2; Saturday and Sunday made up on 10 and 11/2.
    const tet2027 = holidaysOf(2027).filter((h) => h.name === 'Tết Nguyên đán');
    expect(tet2027.map((h) => h.date)).toEqual([
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
      '2027-02-11',
    ]);
    expect(tet2027.filter((h) => h.substitute).map((h) => h.date)).toEqual(['2027-02-10', '2027-02-11']);
  });

  it('substitutes the next working day when a holiday falls on a weekend', () => {
    // 2022: 30/4 Saturday, 1/5 Sunday → off 2/5 and 3/5.
    expect(dayOffName('2022-05-02')).toBe('Nghỉ bù Ngày Giải phóng miền Nam');
    expect(dayOffName('2022-05-03')).toBe('Nghỉ bù Quốc tế Lao động');
    expect(isDayOff('2022-05-04')).toBe(false);
    // 2023: Giỗ Tổ 29/4 Saturday, 30/4 Sunday, 1/5 Monday → off 2/5 and 3/5.
    expect(dayOffName('2023-05-02')).toBe('Nghỉ bù Giỗ Tổ Hùng Vương');
    expect(dayOffName('2023-05-03')).toBe('Nghỉ bù Ngày Giải phóng miền Nam');
    // 2028: 1/1 Saturday → off Monday 3/1.
    expect(dayOffName('2028-01-03')).toBe('Nghỉ bù Tết Dương lịch');
    // 2029: 1/9 Saturday, 2/9 Sunday → off 3/9 and 4/9.
    expect(
      holidaysOf(2029)
        .filter((h) => h.substitute)
        .map((h) => h.date),
    ).toEqual(['2029-09-03', '2029-09-04']);
  });

  it('lists every year’s holidays sorted, without duplicates, at least 11 days', () => {
    for (let y = 2020; y <= 2035; y++) {
      const dates = holidaysOf(y).map((h) => h.date);
      expect([...dates].sort()).toEqual(dates);
      expect(new Set(dates).size).toBe(dates.length);
      expect(dates.length).toBeGreaterThanOrEqual(y === 2020 ? 10 : 11);
      expect(dates.every((d) => d.startsWith(`${y}-`))).toBe(true);
    }
  });

  it('refuses years outside 2020–2035', () => {
    expect(() => holidaysOf(2019)).toThrow(/2020–2035/);
    expect(() => isDayOff('2036-01-05')).toThrow(/2020–2035/);
    expect(() => lunarNewYear(2036)).toThrow(RangeError);
  });

  it('names the unsupported year in a message the server answers with (400, not 500)', () => {
    let caught: unknown;
    try {
      isDayOff('2036-01-05');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(UnsupportedYearError);
    const problem = (caught as UnsupportedYearError).problem;
    expect(problem).toEqual({
      code: 'calendar.year_unsupported',
      params: { year: 2036, from: 2020, to: 2035 },
    });
    expect(renderVi(problem)).toBe('Lịch nghỉ lễ chỉ có các năm 2020–2035, không có năm 2036');
    expect(render('en', problem)).toBe('The holiday calendar covers 2020–2035 only, not 2036');
  });
});
