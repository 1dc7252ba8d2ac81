// Calendar dates as 'YYYY-MM-DD' strings, Vietnam's clock (UTC+7, no daylight saving) and dd/mm/yyyy.

const vietnamOffsetMs = 7 * 3_600_000;

/** Today's date in Vietnam. */
export function todayIso(now: Date = new Date()): string {
  return new Date(now.getTime() + vietnamOffsetMs).toISOString().slice(0, 10);
}

export function isValidIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** '2026-01-03' → '03/01/2026'. */
export function formatDateVi(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/**
 * '2026-01-03' → 'ngày 03 tháng 01 năm 2026', as Party documents write dates: days 1–9 and months 1–2 take a
 * leading zero, other months do not ('ngày 14 tháng 10', 'ngày 05 tháng 3').
 */
export function formatDateLongVi(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  const month = Number(m) <= 2 ? m : String(Number(m));
  return `ngày ${d} tháng ${month} năm ${y}`;
}

/**
 * Reads a day written the Vietnamese way: dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy) or ISO.
 * Returns the ISO date, or null when the text is not a real day.
 */
export function parseVietnameseDate(text: string): string | null {
  const s = text.trim();
  if (isValidIsoDate(s)) return s;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isValidIsoDate(iso) ? iso : null;
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
