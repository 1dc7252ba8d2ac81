// The router's search params, read leniently and without zod (it stays out of a member's first load, ADR 011):
// a value that does not fit is dropped, never an error page. The server validates every request on its own.
import { genders, memberLifecycles, memberScopes, memberStatuses, yesNo } from '../contracts/values.ts';

/** Reads one search param: its value when it fits, else undefined. */
export type Reader<T> = (value: unknown) => T | undefined;

/** One of a fixed list of words. */
export const oneOf =
  <const T extends string>(values: readonly T[]): Reader<T> =>
  (v) =>
    typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : undefined;

/** Text up to `max` characters; the router gives digits typed into a filter back as a number: keep them text. */
export const text =
  (max = 100): Reader<string> =>
  (v) => {
    const s = typeof v === 'number' && Number.isFinite(v) ? String(v) : v;
    return typeof s === 'string' && s.length <= max ? s : undefined;
  };

/** A calendar day written YYYY-MM-DD (the page checks it further, the server always does). */
export const isoDay: Reader<string> = (v) =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An id (UUID). */
export const uuid: Reader<string> = (v) => (typeof v === 'string' && uuidPattern.test(v) ? v : undefined);

const toNumber = (v: unknown): number =>
  typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;

/** A number from min to max (a whole one when `whole`), given as a number or as digits. */
export const numberIn =
  (min: number, max: number, whole = true): Reader<number> =>
  (v) => {
    const n = toNumber(v);
    return Number.isFinite(n) && (!whole || Number.isInteger(n)) && n >= min && n <= max ? n : undefined;
  };

/** A route's validateSearch: each param read by its reader, the ones that do not fit left out. */
export function lenient<S extends Record<string, Reader<unknown>>>(shape: S) {
  return (search: Record<string, unknown>): { [K in keyof S]?: Exclude<ReturnType<S[K]>, undefined> } => {
    const out: Record<string, unknown> = {};
    for (const [key, read] of Object.entries(shape)) {
      const value = read(search[key]);
      if (value !== undefined) out[key] = value;
    }
    return out as { [K in keyof S]?: Exclude<ReturnType<S[K]>, undefined> };
  };
}

/** The members page's filters (the contract's memberListQuery, read leniently). */
export const membersSearch = lenient({
  organizationId: uuid,
  scope: oneOf(memberScopes),
  q: text(),
  status: oneOf(memberStatuses),
  exempt: oneOf(yesNo),
  temporary: oneOf(yesNo),
  gender: oneOf(genders),
  lifecycle: oneOf(memberLifecycles),
});
