// A small seeded pseudo-random generator (sfc32, seeded through splitmix32) and the helpers the demo data
// needs. Same seed, same sequence, on every platform: nothing here reads the clock or Math.random.

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Hashes a label into 32 bits (FNV-1a), to derive independent streams from one seed. */
function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A weighted table prepared once, so picking from it is a binary search. */
export interface WeightedTable<T> {
  readonly values: readonly T[];
  readonly cumulative: readonly number[];
  readonly total: number;
}

export function weightedTable<T>(entries: ReadonlyArray<readonly [T, number]>): WeightedTable<T> {
  const values: T[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const [value, weight] of entries) {
    if (weight <= 0) continue;
    total += weight;
    values.push(value);
    cumulative.push(total);
  }
  if (values.length === 0) throw new Error('weightedTable: no positive weight');
  return { values, cumulative, total };
}

const dayMs = 86_400_000;

/** 'YYYY-MM-DD' → days since 1970-01-01 (UTC). */
export function isoToDay(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / dayMs);
}

/** Days since 1970-01-01 → 'YYYY-MM-DD'. */
export function dayToIso(day: number): string {
  return new Date(day * dayMs).toISOString().slice(0, 10);
}

/** Adds whole years, keeping month and day (29 February becomes 1 March in other years). */
export function addYearsIso(iso: string, years: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

export function addDaysIso(iso: string, days: number): string {
  return dayToIso(isoToDay(iso) + days);
}

export function maxIso(...dates: Array<string | null | undefined>): string {
  let best = '';
  for (const d of dates) if (d && d > best) best = d;
  return best;
}

export function minIso(...dates: Array<string | null | undefined>): string {
  let best = '';
  for (const d of dates) if (d && (best === '' || d < best)) best = d;
  return best;
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, label = '') {
    const mix = splitmix32((seed ^ hashLabel(label)) >>> 0);
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** An independent stream derived from this generator's next output and a label. */
  fork(label: string): Random {
    return new Random(this.uint32(), label);
  }

  uint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 4_294_967_296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  weighted<T>(table: WeightedTable<T>): T {
    const x = this.next() * table.total;
    const c = table.cumulative;
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (c[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return table.values[lo]!;
  }

  /** A uniformly chosen day in [from, to], both included, as 'YYYY-MM-DD'. */
  date(from: string, to: string): string {
    const a = isoToDay(from);
    const b = isoToDay(to);
    return dayToIso(b <= a ? a : this.int(a, b));
  }

  /** A string of `n` decimal digits (may start with 0). */
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(Math.floor(this.next() * 10));
    return s;
  }

  /** A version-4-formatted uuid drawn from this stream (not cryptographic, but reproducible). */
  uuid(): string {
    const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
    const w1 = hex(this.uint32());
    const w2 = hex(this.uint32());
    const w3 = hex(this.uint32());
    const w4 = hex(this.uint32());
    const variant = ((parseInt(w3[0]!, 16) & 0x3) | 0x8).toString(16);
    return `${w1}-${w2.slice(0, 4)}-4${w2.slice(5, 8)}-${variant}${w3.slice(1, 4)}-${w3.slice(4, 8)}${w4}`;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i]!;
      items[i] = items[j]!;
      items[j] = tmp;
    }
    return items;
  }

  /** `count` distinct items chosen at random (fewer if the list is shorter). */
  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle([...items]).slice(0, Math.min(count, items.length));
  }
}
