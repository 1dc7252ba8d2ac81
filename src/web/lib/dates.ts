// Dates on screen: dd/mm/yyyy through the domain's formatter, and times of day in Vietnam's clock.
import { formatDateVi, parseVietnameseDate, todayIso } from '../../domain/dates.ts';

export { parseVietnameseDate, todayIso };

/** '2026-01-03' → '03/01/2026'; empty for a missing date. */
export function formatDate(iso: string | null | undefined): string {
  return iso ? formatDateVi(iso) : '';
}

const vietnamOffsetMs = 7 * 3_600_000;

/** An instant ('2026-01-03T02:05:00Z') as Vietnam shows it: '09:05, 03/01/2026'. */
export function formatDateTime(instant: string): string {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return instant;
  const local = new Date(d.getTime() + vietnamOffsetMs).toISOString();
  return `${local.slice(11, 16)}, ${formatDateVi(local.slice(0, 10))}`;
}
