// Which versioned rule governs an organisation on a date: the national ones in force, and those an upper
// committee assigned to a subtree holding the organisation. Shared by meeting rule sets and scoring frameworks.
// Pure, no I/O. Dates are ISO strings 'YYYY-MM-DD'.

export interface Governable {
  id: string;
  version: number;
  effectiveFrom: string;
  /** 'national': in force everywhere from effectiveFrom; 'assigned': only where assigned. Default national. */
  scope?: 'national' | 'assigned';
}

/** An assignment made at the organisation or an ancestor; depth is the assigning organisation's depth. */
export interface GovernableAssignment {
  id: string;
  effectiveFrom: string;
  depth: number;
}

/**
 * Among the national items and the assignments, the one that took effect last on or before `date`; on the same
 * date the deeper (more local) assignment wins, then the higher version. An assignment never makes an item apply
 * before the item itself exists. Null before any.
 */
export function governing<T extends Governable>(
  items: readonly T[],
  assignments: readonly GovernableAssignment[],
  date: string,
): { item: T; inheritedFromDepth: number | null } | null {
  const byId = new Map(items.map((r) => [r.id, r]));
  const candidates: Array<{ item: T; from: string; depth: number | null }> = [];
  for (const r of items) {
    if ((r.scope ?? 'national') === 'national' && r.effectiveFrom <= date) {
      candidates.push({ item: r, from: r.effectiveFrom, depth: null });
    }
  }
  for (const a of assignments) {
    const r = byId.get(a.id);
    if (!r || a.effectiveFrom > date) continue;
    const from = a.effectiveFrom > r.effectiveFrom ? a.effectiveFrom : r.effectiveFrom;
    if (from <= date) candidates.push({ item: r, from, depth: a.depth });
  }
  let best: (typeof candidates)[number] | null = null;
  for (const c of candidates) {
    if (
      !best ||
      c.from > best.from ||
      (c.from === best.from && (c.depth ?? -1) > (best.depth ?? -1)) ||
      (c.from === best.from && c.depth === best.depth && c.item.version > best.item.version)
    ) {
      best = c;
    }
  }
  return best ? { item: best.item, inheritedFromDepth: best.depth } : null;
}
