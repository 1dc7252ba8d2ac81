// Vietnam's days off, 2020–2035: weekends, the national holidays of the Labour Code and the
// Vietnamese lunar calendar (UTC+7) that places Tết and Giỗ Tổ Hùng Vương. Pure, no I/O.
// Dates are ISO strings 'YYYY-MM-DD'.

import { addDays } from './dates.ts';
import { type Message, message } from './messages.ts';

export const supportedYears = { from: 2020, to: 2035 } as const;

export type HolidayName =
  | 'Tết Dương lịch'
  | 'Tết Nguyên đán'
  | 'Giỗ Tổ Hùng Vương'
  | 'Ngày Giải phóng miền Nam'
  | 'Quốc tế Lao động'
  | 'Quốc khánh';

export interface Holiday {
  date: string;
  name: HolidayName;
  /** True for a day given in lieu of a holiday that fell on a weekend (nghỉ bù). */
  substitute: boolean;
}

export type DayOffReason = 'weekend' | 'holiday';

// ---------------------------------------------------------------------------------------------
// Vietnamese lunar calendar. Hồ Ngọc Đức's method: new moons and the sun's longitude from the
// series in Jean Meeus, "Astronomical Algorithms"; month 11 is the month holding the winter
// solstice; in a 13-month year the leap month is the first month with no major solar term.
// Time zone UTC+7 (the Vietnamese calendar since 1968).

const timeZone = 7;
const synodicMonth = 29.530588853;
const newMoonEpochJd = 2415021.076998695; // the new moon of 1900-01-01

function julianDayNumber(year: number, month: number, day: number): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  return (
    day +
    Math.floor((153 * m + 2) / 5) +
    365 * y +
    Math.floor(y / 4) -
    Math.floor(y / 100) +
    Math.floor(y / 400) -
    32045
  );
}

function isoFromJulianDayNumber(jd: number): string {
  const a = jd + 32044;
  const b = Math.floor((4 * a + 3) / 146097);
  const c = a - Math.floor((146097 * b) / 4);
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  const day = e - Math.floor((153 * m + 2) / 5) + 1;
  const month = m + 3 - 12 * Math.floor(m / 10);
  const year = 100 * b + d - 4800 + Math.floor(m / 10);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const rad = Math.PI / 180;

/** Julian date (TT approximated to UT) of the k-th new moon after 1900-01-01. */
function newMoonJd(k: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const t3 = t2 * t;
  let jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
  jd += 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * rad);
  const sunAnomaly = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
  const moonAnomaly = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
  const latitudeArg = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
  const M = sunAnomaly * rad;
  const Mp = moonAnomaly * rad;
  const F = latitudeArg * rad;
  let c = (0.1734 - 0.000393 * t) * Math.sin(M) + 0.0021 * Math.sin(2 * M);
  c -= 0.4068 * Math.sin(Mp) + 0.0161 * Math.sin(2 * Mp);
  c -= 0.0004 * Math.sin(3 * Mp);
  c += 0.0104 * Math.sin(2 * F) - 0.0051 * Math.sin(M + Mp);
  c -= 0.0074 * Math.sin(M - Mp) + 0.0004 * Math.sin(2 * F + M);
  c -= 0.0004 * Math.sin(2 * F - M) - 0.0006 * Math.sin(2 * F + Mp);
  c += 0.001 * Math.sin(2 * F - Mp) + 0.0005 * Math.sin(2 * Mp + M);
  const deltaT =
    t < -11
      ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
      : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return jd + c - deltaT;
}

/** Local (UTC+7) day number on which the k-th new moon falls. */
function newMoonDay(k: number): number {
  return Math.floor(newMoonJd(k) + 0.5 + timeZone / 24);
}

/** The sun's apparent longitude in radians, 0..2π, at Julian date jd. */
function sunLongitude(jd: number): number {
  const t = (jd - 2451545.0) / 36525;
  const t2 = t * t;
  const M = (357.5291 + 35999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * rad;
  const L0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  let dl = (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(M);
  dl += (0.019993 - 0.000101 * t) * Math.sin(2 * M) + 0.00029 * Math.sin(3 * M);
  const l = (L0 + dl) * rad;
  return l - 2 * Math.PI * Math.floor(l / (2 * Math.PI));
}

/** Major solar term index 0..11 (each 30° of longitude) at the start of the local day. */
function solarTerm(dayNumber: number): number {
  return Math.floor((sunLongitude(dayNumber - 0.5 - timeZone / 24) / Math.PI) * 6);
}

/** Day number of the first day of lunar month 11 of Gregorian year `year` (holds the solstice). */
function lunarMonth11Start(year: number): number {
  const off = julianDayNumber(year, 12, 31) - 2415021;
  const k = Math.floor(off / synodicMonth);
  const start = newMoonDay(k);
  return solarTerm(start) >= 9 ? newMoonDay(k - 1) : start;
}

/** In a 13-month lunar year starting at month 11 `a11`, the offset of the leap month from it. */
function leapMonthOffset(a11: number): number {
  const k = Math.floor((a11 - newMoonEpochJd) / synodicMonth + 0.5);
  let i = 1;
  let arc = solarTerm(newMoonDay(k + i));
  let last: number;
  do {
    last = arc;
    i += 1;
    arc = solarTerm(newMoonDay(k + i));
  } while (arc !== last && i < 14);
  return i - 1;
}

/** Gregorian date of a (non-leap) lunar day in lunar year `lunarYear`. */
export function lunarToSolar(lunarYear: number, lunarMonth: number, lunarDay: number): string {
  const [a11, b11] =
    lunarMonth < 11
      ? [lunarMonth11Start(lunarYear - 1), lunarMonth11Start(lunarYear)]
      : [lunarMonth11Start(lunarYear), lunarMonth11Start(lunarYear + 1)];
  const k = Math.floor(0.5 + (a11 - newMoonEpochJd) / synodicMonth);
  let off = lunarMonth - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11);
    if (off >= leapOff) off += 1;
  }
  return isoFromJulianDayNumber(newMoonDay(k + off) + lunarDay - 1);
}

// ---------------------------------------------------------------------------------------------
// Holidays as data.

/** A year the holiday data does not cover: the request asked about it (the server answers 400 naming the field). */
export class UnsupportedYearError extends RangeError {
  readonly problem: Message;
  constructor(readonly year: number) {
    super(
      `Lịch nghỉ lễ chỉ hỗ trợ các năm ${supportedYears.from}–${supportedYears.to}, không có năm ${year}`,
    );
    this.problem = message('calendar.year_unsupported', { year, ...supportedYears });
  }
}

function assertSupported(year: number): void {
  if (!Number.isInteger(year) || year < supportedYears.from || year > supportedYears.to) {
    throw new UnsupportedYearError(year);
  }
}

/** Gregorian date of mùng 1 Tết (lunar new year's day) of `year`. */
export function lunarNewYear(year: number): string {
  assertSupported(year);
  return lunarToSolar(year, 1, 1);
}

/** Gregorian date of Giỗ Tổ Hùng Vương (10/3 lunar) of `year`. */
export function hungKingsDay(year: number): string {
  assertSupported(year);
  return lunarToSolar(year, 3, 10);
}

/**
 * Tết breaks decreed by the Government for civil servants, first and last day inclusive (they already
 * include the weekends and any swapped working days). Years not listed use the statutory default.
 * Announced by the Prime Minister / Ministry of Labour (Bộ LĐ-TB&XH, from 2025 Bộ Nội vụ) each year.
 */
export const tetBreakOverrides: Readonly<Record<number, { from: string; to: string }>> = {
  2020: { from: '2020-01-23', to: '2020-01-29' },
  2021: { from: '2021-02-10', to: '2021-02-16' },
  2022: { from: '2022-01-29', to: '2022-02-06' },
  2023: { from: '2023-01-20', to: '2023-01-26' },
  2024: { from: '2024-02-08', to: '2024-02-14' },
  2025: { from: '2025-01-25', to: '2025-02-02' },
  2026: { from: '2026-02-14', to: '2026-02-22' },
};

/**
 * The day next to 2/9 that is also off. BLLĐ 2019 Art. 112.1(đ) (in force from 01/01/2021): "02 ngày
 * (ngày 02/9 dương lịch và 01 ngày liền kề trước hoặc sau)"; the Government picks the day each year.
 * 2020 fell under BLLĐ 2012 Art. 115, which gave 2/9 only (null). Years not listed default to 1/9.
 */
export const nationalDayAdjacentOverrides: Readonly<Record<number, string | null>> = {
  2020: null,
  2021: '2021-09-03',
  2022: '2022-09-01',
  2024: '2024-09-03',
  2025: '2025-09-01',
};

function isWeekend(iso: string): boolean {
  const weekday = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

function datesFrom(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The statutory holidays of a year, before substitution, and the days decreed as a block. */
function statutoryHolidays(year: number): { statutory: Holiday[]; decreed: Holiday[] } {
  const day = (date: string, name: HolidayName): Holiday => ({ date, name, substitute: false });
  // BLLĐ 2019 Art. 112.1: Tết Dương lịch 1 day; Tết Âm lịch 5 days; Giỗ Tổ 10/3 âm lịch; 30/4; 1/5;
  // Quốc khánh 2 days.
  const statutory: Holiday[] = [
    day(`${year}-01-01`, 'Tết Dương lịch'),
    day(hungKingsDay(year), 'Giỗ Tổ Hùng Vương'),
    day(`${year}-04-30`, 'Ngày Giải phóng miền Nam'),
    day(`${year}-05-01`, 'Quốc tế Lao động'),
    day(`${year}-09-02`, 'Quốc khánh'),
  ];
  const adjacent =
    year in nationalDayAdjacentOverrides ? nationalDayAdjacentOverrides[year] : `${year}-09-01`;
  if (adjacent) statutory.push(day(adjacent, 'Quốc khánh'));

  const decreed: Holiday[] = [];
  const override = tetBreakOverrides[year];
  if (override) {
    for (const d of datesFrom(override.from, override.to)) decreed.push(day(d, 'Tết Nguyên đán'));
  } else {
    // BLLĐ 2019 Art. 112.1(b): 5 days of Tết Âm lịch; default: the last day of the lunar year
    // (30 or 29 Tết) through mùng 4.
    const newYear = lunarNewYear(year);
    for (const d of datesFrom(addDays(newYear, -1), addDays(newYear, 3)))
      statutory.push(day(d, 'Tết Nguyên đán'));
  }
  return { statutory, decreed };
}

const holidayCache = new Map<number, readonly Holiday[]>();

/**
 * Every holiday of `year` (by Gregorian date of the day off), sorted, including substitute days.
 * Substitution: BLLĐ 2019 Art. 111.3 — a holiday that falls on a weekly rest day is made up on the
 * next working day (next day that is neither a weekend nor another holiday).
 * A substitute for a late-December holiday could cross the year; no holiday lies that late.
 */
export function holidaysOf(year: number): readonly Holiday[] {
  assertSupported(year);
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const { statutory, decreed } = statutoryHolidays(year);
  const taken = new Set([...statutory, ...decreed].map((h) => h.date));
  const substitutes: Holiday[] = [];
  for (const h of [...statutory].sort((a, b) => a.date.localeCompare(b.date))) {
    if (!isWeekend(h.date)) continue;
    let d = addDays(h.date, 1);
    while (isWeekend(d) || taken.has(d)) d = addDays(d, 1);
    taken.add(d);
    substitutes.push({ date: d, name: h.name, substitute: true });
  }
  const all = [...statutory, ...decreed, ...substitutes].sort((a, b) => a.date.localeCompare(b.date));
  holidayCache.set(year, all);
  return all;
}

function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
}

/** The holiday on `iso`, or null. Throws outside 2020–2035. */
export function holidayOn(iso: string): Holiday | null {
  return holidaysOf(yearOf(iso)).find((h) => h.date === iso) ?? null;
}

/** 'holiday' (takes precedence), 'weekend' (Saturday or Sunday), or null for a working day. */
export function dayOffReason(iso: string): DayOffReason | null {
  if (holidayOn(iso)) return 'holiday';
  return isWeekend(iso) ? 'weekend' : null;
}

/** The Vietnamese name of the day off, e.g. 'Tết Nguyên đán', 'Nghỉ bù Quốc khánh', 'Thứ bảy'. */
export function dayOffName(iso: string): string | null {
  const h = holidayOn(iso);
  if (h) return h.substitute ? `Nghỉ bù ${h.name}` : h.name;
  if (!isWeekend(iso)) return null;
  return new Date(`${iso}T00:00:00Z`).getUTCDay() === 6 ? 'Thứ bảy' : 'Chủ nhật';
}

const holidayCode = {
  'Tết Dương lịch': 'calendar.holiday.new_year',
  'Tết Nguyên đán': 'calendar.holiday.lunar_new_year',
  'Giỗ Tổ Hùng Vương': 'calendar.holiday.hung_kings',
  'Ngày Giải phóng miền Nam': 'calendar.holiday.reunification',
  'Quốc tế Lao động': 'calendar.holiday.labour_day',
  'Quốc khánh': 'calendar.holiday.national_day',
} as const satisfies Record<HolidayName, string>;

/** The day off named as a message (dayOffName's words in Vietnamese): 'Chủ nhật' / 'Sunday'. */
export function dayOffLabel(iso: string): Message | null {
  const h = holidayOn(iso);
  if (h) {
    const name = message(holidayCode[h.name]);
    return h.substitute ? message('calendar.substitute_day', { holiday: name }) : name;
  }
  if (!isWeekend(iso)) return null;
  return message(new Date(`${iso}T00:00:00Z`).getUTCDay() === 6 ? 'calendar.saturday' : 'calendar.sunday');
}

export function isDayOff(iso: string): boolean {
  return dayOffReason(iso) !== null;
}
