import { describe, expect, it } from 'vitest';
import { addDays, formatDateLongVi, formatDateVi, parseVietnameseDate, todayIso } from './dates.ts';

describe('dates', () => {
  it.each([
    ['03/01/2026', '2026-01-03'],
    ['3/1/2026', '2026-01-03'],
    ['03-01-2026', '2026-01-03'],
    ['03.01.2026', '2026-01-03'],
    ['2026-01-03', '2026-01-03'],
    ['29/02/2024', '2024-02-29'],
    ['29/02/2025', null],
    ['31/04/2025', null],
    ['2025/01/03', null],
    ['01/13/2025', null],
    ['', null],
  ])('parses %s as %s', (text, iso) => {
    expect(parseVietnameseDate(text)).toBe(iso);
  });
  it('formats the Vietnamese ways', () => {
    expect(formatDateVi('2026-01-03')).toBe('03/01/2026');
    expect(formatDateLongVi('2026-01-03')).toBe('ngày 03 tháng 01 năm 2026');
    expect(formatDateLongVi('2026-03-05')).toBe('ngày 05 tháng 3 năm 2026');
    expect(formatDateLongVi('2021-10-14')).toBe('ngày 14 tháng 10 năm 2021');
  });
  it('uses Vietnam’s day (UTC+7)', () => {
    expect(todayIso(new Date('2025-06-30T17:30:00Z'))).toBe('2025-07-01');
    expect(todayIso(new Date('2025-06-30T16:59:00Z'))).toBe('2025-06-30');
  });
  it('adds days across months', () => {
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-07-01', -1)).toBe('2025-06-30');
  });
});
