// Append-only audit log (ADR 009). A write appends its event PENDING inside its own transaction, holding no lock
// other writers wait for; the sealer then chains pending events per province with HMAC-SHA-256 under the
// server's key, in batches, off the request path, and signs a checkpoint of each head outside the database.
import { createHash, createHmac } from 'node:crypto';
import type { AuditKeys } from './audit-keys.ts';
import type { Database, Queryable } from './db.ts';

export interface AuditEntry {
  chain: string; // province id, or '' for system-wide events
  actorAccountId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

/** JSON with object keys sorted at every depth, so jsonb's key reordering does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const genesisHash = '0'.repeat(64);

/** What a row's link covers: every column but the id, plus its place in the chain. */
export interface AuditLink {
  chain: string;
  seq: number;
  at: string;
  actorAccountId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  prevHash: string;
}

/** The unkeyed SHA-256 link of rows sealed before ADR 009 (key_id NULL). */
export function auditHash(row: AuditLink): string {
  return createHash('sha256').update(canonicalJson(row)).digest('hex');
}

/** The keyed link: HMAC-SHA-256 under the server's key; the key's id is covered so a row cannot change key. */
export function auditMac(keys: Pick<AuditKeys, 'macKey' | 'keyId'>, row: AuditLink): string {
  return createHmac('sha256', keys.macKey)
    .update(canonicalJson({ ...row, keyId: keys.keyId }))
    .digest('hex');
}

/** An audit_log row as both drivers return it. */
export interface AuditRow {
  id: number;
  chain: string;
  seq: number | null;
  at: Date | string;
  actor_account_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  prev_hash: string | null;
  hash: string | null;
  key_id: string | null;
}

export function linkOf(r: AuditRow, seq: number, prevHash: string): AuditLink {
  return {
    chain: r.chain,
    seq,
    at: (r.at instanceof Date ? r.at : new Date(r.at)).toISOString(),
    actorAccountId: r.actor_account_id,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    before: r.before,
    after: r.after,
    ip: r.ip,
    prevHash,
  };
}

const appended = new Set<() => void>();

/** Calls `fn` after every append (the sealer's wake-up); returns the unsubscribe. */
export function onAuditAppended(fn: () => void): () => void {
  appended.add(fn);
  return () => appended.delete(fn);
}

/** Appends one pending event inside the caller's transaction: one INSERT, no lock on the chain. */
export async function recordAudit(tx: Queryable, entry: AuditEntry): Promise<void> {
  const before = entry.before == null ? null : canonicalJson(entry.before);
  const after = entry.after == null ? null : canonicalJson(entry.after);
  await tx.query(
    `INSERT INTO audit_log (chain, at, actor_account_id, action, entity, entity_id, before, after, ip)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
    [
      entry.chain,
      new Date().toISOString(),
      entry.actorAccountId,
      entry.action,
      entry.entity,
      entry.entityId,
      before,
      after,
      entry.ip ?? null,
    ],
  );
  for (const wake of appended) wake();
}

/** A data-modifying statement with RETURNING, its parameters $1…$n, and its prepared statement's name. */
export interface AuditedWrite {
  name: string;
  sql: string;
  params: unknown[];
}

/**
 * A write and its audit event in one statement: atomic without BEGIN and COMMIT, so it costs one round trip (the
 * hot path of the check-in storm, issue 10.1). The event is appended, pending like any other, only when the write's
 * RETURNING yields a row; answers whether it did. Inside a transaction it is part of it like `recordAudit`.
 */
export async function writeAudited(q: Queryable, write: AuditedWrite, entry: AuditEntry): Promise<boolean> {
  const n = write.params.length;
  const p = (i: number) => `$${n + i}`;
  const rows = await q.query(
    `WITH w AS (${write.sql})
     INSERT INTO audit_log (chain, at, actor_account_id, action, entity, entity_id, before, after, ip)
     SELECT ${p(1)}::text, ${p(2)}::timestamptz, ${p(3)}::uuid, ${p(4)}::text, ${p(5)}::text, ${p(6)}::text,
            ${p(7)}::jsonb, ${p(8)}::jsonb, ${p(9)}::text
       FROM w LIMIT 1
     RETURNING 1`,
    [
      ...write.params,
      entry.chain,
      new Date().toISOString(),
      entry.actorAccountId,
      entry.action,
      entry.entity,
      entry.entityId,
      entry.before == null ? null : canonicalJson(entry.before),
      entry.after == null ? null : canonicalJson(entry.after),
      entry.ip ?? null,
    ],
    `${write.name}_audited`,
  );
  if (rows.length === 0) return false;
  for (const wake of appended) wake();
  return true;
}

/**
 * Many writes of one kind, each with its own audit event, in one statement (group commit, issue 10.1). `write.sql`
 * changes rows for items numbered from 1 in `entries`' order and returns, as `n`, the number of each item it
 * changed (at most once each); each such item's event is appended, pending like any other, and nothing else.
 * Answers, per item, whether it was changed (and audited).
 */
export async function writeAuditedBatch(
  q: Queryable,
  write: AuditedWrite,
  entries: AuditEntry[],
): Promise<boolean[]> {
  const k = write.params.length;
  const p = (i: number) => `$${k + i}`;
  const rows = await q.query<{ n: number }>(
    `WITH w AS (${write.sql}),
     a AS (
       INSERT INTO audit_log (chain, at, actor_account_id, action, entity, entity_id, before, after, ip)
       SELECT e.chain, ${p(1)}::timestamptz, e.actor, e.action, e.entity, e.entity_id, e.before::jsonb, e.after::jsonb,
              e.ip
         FROM w
         JOIN unnest(${p(2)}::text[], ${p(3)}::uuid[], ${p(4)}::text[], ${p(5)}::text[], ${p(6)}::text[],
                     ${p(7)}::text[], ${p(8)}::text[], ${p(9)}::text[])
              WITH ORDINALITY AS e(chain, actor, action, entity, entity_id, before, after, ip, n) ON e.n = w.n
     )
     SELECT n::int AS n FROM w`,
    [
      ...write.params,
      new Date().toISOString(),
      entries.map((e) => e.chain),
      entries.map((e) => e.actorAccountId),
      entries.map((e) => e.action),
      entries.map((e) => e.entity),
      entries.map((e) => e.entityId),
      entries.map((e) => (e.before == null ? null : canonicalJson(e.before))),
      entries.map((e) => (e.after == null ? null : canonicalJson(e.after))),
      entries.map((e) => e.ip ?? null),
    ],
    `${write.name}_audited`,
  );
  const changed = new Set(rows.map((r) => Number(r.n)));
  if (changed.size > 0) for (const wake of appended) wake();
  return entries.map((_, i) => changed.has(i + 1));
}

/** Only one sealer at a time across every process of a database (a transaction-level advisory lock). */
export const sealLockKey = 9_009_001;

export interface SealResult {
  /** Another sealer held the lock; nothing was done. */
  busy: boolean;
  sealed: number;
  /** The new head of each chain this batch extended. */
  heads: Array<{ chain: string; seq: number; hash: string }>;
}

/**
 * Seals up to `batch` committed pending events, oldest id first, onto the end of their chains. An event that
 * commits after younger ones were sealed is still pending and is sealed by a later batch: chain order is
 * sealing order, and nothing is skipped.
 */
export async function sealPending(db: Database, keys: AuditKeys, batch = 500): Promise<SealResult> {
  return db.transaction(async (tx) => {
    const [lock] = await tx.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [
      sealLockKey,
    ]);
    if (!lock?.ok) return { busy: true, sealed: 0, heads: [] };
    const rows = await tx.query<AuditRow>('SELECT * FROM audit_log WHERE seq IS NULL ORDER BY id LIMIT $1', [
      batch,
    ]);
    if (rows.length === 0) return { busy: false, sealed: 0, heads: [] };
    const chains = [...new Set(rows.map((r) => r.chain))];
    const heads = new Map(chains.map((c) => [c, { chain: c, seq: 0, hash: genesisHash }]));
    const stored = await tx.query<{ chain: string; seq: number; hash: string }>(
      'SELECT chain, seq, hash FROM audit_head WHERE chain = ANY($1::text[])',
      [chains],
    );
    for (const h of stored) heads.set(h.chain, { chain: h.chain, seq: Number(h.seq), hash: h.hash });
    const ids: number[] = [];
    const seqs: number[] = [];
    const prevs: string[] = [];
    const hashes: string[] = [];
    for (const r of rows) {
      const head = heads.get(r.chain)!;
      const seq = head.seq + 1;
      const hash = auditMac(keys, linkOf(r, seq, head.hash));
      ids.push(Number(r.id));
      seqs.push(seq);
      prevs.push(head.hash);
      hashes.push(hash);
      head.seq = seq;
      head.hash = hash;
    }
    await tx.query(
      `UPDATE audit_log a SET seq = v.seq, prev_hash = v.prev_hash, hash = v.hash, key_id = $5
       FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS v(id, seq, prev_hash, hash)
       WHERE a.id = v.id`,
      [ids, seqs, prevs, hashes, keys.keyId],
    );
    const list = [...heads.values()];
    await tx.query(
      `INSERT INTO audit_head (chain, seq, hash)
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[])
       ON CONFLICT (chain) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash`,
      [list.map((h) => h.chain), list.map((h) => h.seq), list.map((h) => h.hash)],
    );
    return { busy: false, sealed: rows.length, heads: list };
  });
}

/** Events appended but not yet sealed (readers see them with seq NULL). */
export async function countPending(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE seq IS NULL');
  return Number(row!.n);
}

/** Every chain's sealed head, as the database holds it. */
export async function chainHeads(
  db: Queryable,
): Promise<Array<{ chain: string; seq: number; hash: string }>> {
  const rows = await db.query<{ chain: string; seq: number; hash: string }>(
    'SELECT chain, seq, hash FROM audit_head ORDER BY chain',
  );
  return rows.map((r) => ({ chain: r.chain, seq: Number(r.seq), hash: r.hash }));
}
