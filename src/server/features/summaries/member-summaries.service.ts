// The member summaries (issue 10.3, migration 0014): the member list's rows per organisation on the path and the
// dated member counts per subtree. Every write that changes a member's name, status, lifecycle or memberships, or
// the path of the organisations they attend, refreshes those members here, in its own transaction; a database
// that never had them (upgraded to 0014, loaded beside the services) builds them at start; the check compares them
// with a recomputation from scratch.
import { todayIso } from '../../../domain/dates.ts';
import { pathLabel } from '../../../domain/tree.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import * as repo from './member-summaries.repository.ts';

/** Rewrites the listing rows and counts of these members from their stored state. */
export async function refreshMembers(q: Queryable, memberIds: Iterable<string>) {
  await repo.refreshMembers(q, [...new Set(memberIds)].sort());
}

/**
 * The members listed under these organisations: call before a change that re-paths them or ends what their
 * members attend, then give the answer to `refreshMembers` after it (the organisations' labels stay on the path).
 */
export async function membersUnder(q: Queryable, organizationIds: Iterable<string>) {
  return repo.listMembersUnder(q, [...organizationIds].map(pathLabel));
}

const batch = 2000;

/** Builds the member summaries from scratch, in batches of members, each its own transaction. */
export async function rebuildMembers(db: Database, onProgress?: (done: number) => void) {
  await db.transaction((tx) => repo.clearAll(tx));
  let after: string | null = null;
  let done = 0;
  for (;;) {
    const ids = await repo.listMemberIds(db, after, batch);
    if (ids.length === 0) break;
    await db.transaction((tx) => repo.buildMembers(tx, ids));
    done += ids.length;
    after = ids[ids.length - 1]!;
    onProgress?.(done);
  }
  return { members: done };
}

/** Builds them once on a database that has members but never had the summaries. */
export async function rebuildMembersIfNeverBuilt(db: Database) {
  return (await repo.listingNeverBuilt(db)) ? rebuildMembers(db) : null;
}

/** The listing rows and counts kept, against a recomputation from scratch: the differences (none when current). */
export async function checkMembers(q: Queryable) {
  const listing: Record<string, unknown>[] = [];
  let after: string | null = null;
  let members = 0;
  for (;;) {
    const ids = await repo.listMemberIds(q, after, batch);
    if (ids.length === 0) break;
    members += ids.length;
    if (listing.length < 5) listing.push(...(await repo.listingDifferences(q, ids)));
    after = ids[ids.length - 1]!;
  }
  return { members, listing, counts: await repo.countDifferences(q) };
}

/** The count kinds a list's filters map to (null: the filters are not counted, e.g. a name or an exemption). */
export type CountKind = 'listed' | 'official' | 'temporary' | 'counted' | string;

/** How many members the subtrees of these organisations (or they themselves, direct) have on a date. */
export async function countMembers(
  q: Queryable,
  f: { organizationIds: string[]; direct: boolean; kind: CountKind; status?: string | null; asOf?: string },
) {
  return repo.countMembers(q, {
    ancestors: f.organizationIds.map(pathLabel),
    direct: f.direct,
    kind: f.kind,
    status: f.status ?? null,
    asOf: f.asOf ?? todayIso(),
  });
}

/** Per organisation id: its subtree's members on the date (official attendance and party groups). */
export async function countedUnder(q: Queryable, organizationIds: string[], asOf: string) {
  const rows = await repo.countSubtrees(q, organizationIds.map(pathLabel), 'counted', asOf);
  const byLabel = new Map(rows.map((r) => [r.ancestor, r.n]));
  return new Map(organizationIds.map((id) => [id, byLabel.get(pathLabel(id)) ?? 0]));
}
